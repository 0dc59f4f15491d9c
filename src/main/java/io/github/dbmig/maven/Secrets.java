package io.github.dbmig.maven;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.Redactor;

import java.util.Collection;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The passwords a goal has come to know (the pom's, each database's, a started container's), masked with
 * {@link Redactor} wherever text leaves the goal: every log line, and the message it fails with. The databases of a
 * fleet add theirs from their own threads.
 */
final class Secrets {

    private final CopyOnWriteArrayList<Redactor.Token> known = new CopyOnWriteArrayList<>();

    /** A secret to mask from now on (its pattern compiled once, as every log line is masked); null is ignored. */
    void add(String secret) {
        if (secret != null && known.stream().noneMatch(t -> t.secret().equals(secret))) {
            Redactor.Token token = Redactor.token(secret);
            if (token != null) {
                known.addIfAbsent(token);
            }
        }
    }

    void addAll(Collection<String> secrets) {
        secrets.forEach(this::add);
    }

    /** The database's password, if it has one. */
    void add(Database database) {
        if (database.credentials() != null && database.credentials().hasPassword()) {
            add(database.credentials().password());
        }
    }

    /** The text with passwords in URLs and every known secret masked. */
    String mask(String text) {
        return Redactor.mask(text, known);
    }
}
