package io.github.dbmig.maven;

import io.github.dbmig.config.CredentialResolver;
import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseBuilder;
import io.github.dbmig.config.Flag;
import io.github.dbmig.config.PgPass;
import io.github.dbmig.config.PgUrl;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import io.github.dbmig.maven.build.SettingsCredentials;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.github.dbmig.config.Values.blankToNull;
import static io.github.dbmig.errors.Messages.about;

/**
 * The one place where the pom's {@code <databases>} become checked {@link Database} values: defaults filled in from the
 * plugin level, credentials found (settings.xml, the URL, the environment, the password file, the pom), and every
 * mistake named by its element.
 *
 * @param declared               the pom's {@code <database>} elements, in order
 * @param scripts                the plugin-level scripts directory
 * @param encoding               the scripts' encoding
 * @param pluginBackup           the plugin-level {@code <backup>}, or null
 * @param defaultBackupDirectory where backups go when nothing says otherwise
 * @param backupDirectory        {@code -Ddbmig.backup.directory}, or null
 * @param fullVerify             {@code -Ddbmig.backup.verify=full}
 * @param connectTimeout         how long connecting may take
 * @param readTimeout            how long dbmig waits for an answer to one of its own queries
 * @param reuse                  {@code -Ddbmig.reuse} for {@code <image>} databases, or null
 * @param settings               settings.xml servers
 * @param environment            the environment, for {@code DBMIG_<ID>_*}, {@code PG*} and {@code PGPASSFILE}
 * @param osUser                 the operating-system user, the last resort for a user name
 * @param log                    where warnings go
 */
record Databases(
        List<DatabaseParameters> declared,
        Path scripts,
        Charset encoding,
        BackupParameters pluginBackup,
        Path defaultBackupDirectory,
        Path backupDirectory,
        boolean fullVerify,
        Duration connectTimeout,
        Duration readTimeout,
        Boolean reuse,
        SettingsCredentials settings,
        Map<String, String> environment,
        String osUser,
        Log log) {

    /** Every declared database, checked. */
    List<Database> all() {
        if (declared == null || declared.isEmpty()) {
            throw new SetupException(
                    "No database is declared: add <databases><database><id>…</id><url>…</url></database>"
                            + "</databases> to the dbmig plugin's <configuration>.");
        }
        CredentialResolver resolver = new CredentialResolver(environment, PgPass.locate(environment, log), osUser);
        List<Database> databases = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < declared.size(); i++) {
            Database database = build(declared.get(i), i + 1, resolver);
            if (!ids.add(database.id())) {
                throw new SetupException("<database><id>" + database.id()
                        + "</id> is declared twice in <databases>; ids must" + " be unique.");
            }
            databases.add(database);
        }
        return databases;
    }

    private Database build(DatabaseParameters p, int number, CredentialResolver resolver) {
        String element =
                "<database> " + (blankToNull(p.id) == null ? "number " + number + " in <databases>" : p.id.strip());
        Boolean reuseElement = Flag.parse(p.reuse, v -> "<reuse>" + v + "</reuse> in " + element);
        Database database = new DatabaseBuilder("<database> number " + number + " in <databases>")
                .id(p.id)
                .url(p.url)
                .image(p.image)
                .schema(p.schema)
                .changelogTable(p.changelogTable)
                .scripts(p.scripts != null ? p.scripts.toPath() : scripts)
                .encoding(encoding)
                .variables(p.variables)
                .lockTimeout(p.lockTimeout)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .backup(
                        p.backup == null ? null : p.backup.toOptions("<backup> of " + element),
                        pluginBackup == null ? null : pluginBackup.toOptions("the plugin's <backup>"))
                .backupRun(defaultBackupDirectory, backupDirectory, fullVerify)
                .protectedDatabase(
                        Flag.parse(p.isProtected, false, v -> "<protected>" + v + "</protected> in " + element))
                .start(
                        p.testData == null ? null : p.testData.toPath(),
                        reuse != null && p.image != null && !p.image.isBlank() ? reuse : reuseElement,
                        Flag.parse(
                                p.publishPassword,
                                false,
                                v -> "<publishPassword>" + v + "</publishPassword> in " + element))
                .build((id, url) -> credentials(p, id, url, resolver));
        // mvn -X prints the plugin configuration, a pom <password> and the <url> as written among it
        String shown = database.credentials() != null
                        && "pom <password>".equals(database.credentials().passwordSource())
                ? "its password comes from the pom's <password>"
                : database.url() != null && database.url().password() != null ? "its <url> holds a password" : null;
        if (shown != null) {
            log.warn(about(database.id()) + shown + ", which mvn -X prints in"
                    + " its configuration dump. Keep it in settings.xml (encrypted, <server> "
                    + serverId(p, database.id())
                    + ") or in the environment (" + CredentialResolver.environmentPrefix(database.id()) + "PASSWORD).");
        }
        return database;
    }

    private Credentials credentials(DatabaseParameters p, String id, PgUrl url, CredentialResolver resolver) {
        String serverId = serverId(p, id);
        Optional<Credentials> server = settings.lookup(serverId, p.serverId != null && !p.serverId.isBlank());
        return resolver.resolve(id, url, server, serverId, blankToNull(p.username), blankToNull(p.password));
    }

    private static String serverId(DatabaseParameters p, String id) {
        return p.serverId == null || p.serverId.isBlank() ? id : p.serverId.strip();
    }

    /** The passwords the pom itself holds, to be masked wherever they might show. */
    List<String> pomSecrets() {
        return declared == null
                ? List.of()
                : declared.stream()
                        .map(p -> p.password)
                        .filter(s -> s != null && !s.isBlank())
                        .toList();
    }
}
