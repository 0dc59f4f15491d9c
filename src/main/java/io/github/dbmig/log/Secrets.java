package io.github.dbmig.log;

import java.util.Collection;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The passwords a goal has come to know (the pom's, each database's, a started container's), masked with
 * {@link Redactor} wherever text leaves the goal: every log line, and the message it fails with. The databases of a
 * fleet add theirs from their own threads.
 */
public final class Secrets {

    private final CopyOnWriteArrayList<Redactor.Token> known = new CopyOnWriteArrayList<>();

    /** A secret to mask from now on (its pattern compiled once, as every log line is masked); null is ignored. */
    public void add(String secret) {
        if (secret != null && known.stream().noneMatch(t -> t.secret().equals(secret))) {
            Redactor.Token token = Redactor.token(secret);
            if (token != null) {
                known.addIfAbsent(token);
            }
        }
    }

    public void addAll(Collection<String> secrets) {
        secrets.forEach(this::add);
    }

    /** The text with passwords in URLs and every known secret masked. */
    public String mask(String text) {
        return Redactor.mask(text, known);
    }
}
