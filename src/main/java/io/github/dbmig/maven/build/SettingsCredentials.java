package io.github.dbmig.maven.build;

import io.github.dbmig.config.Credentials;
import io.github.dbmig.errors.SetupException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import java.util.Optional;

/** A settings.xml {@code <server>}'s user and password, decrypted with Maven's settings-security. */
public final class SettingsCredentials {

    private final Settings settings;
    private final SettingsDecrypter decrypter;

    public SettingsCredentials(Settings settings, SettingsDecrypter decrypter) {
        this.settings = settings;
        this.decrypter = decrypter;
    }

    /**
     * @param serverId the server's id
     * @param explicit whether the pom named it in {@code <serverId>} (then a missing server is an error, not a
     *                 fallback)
     */
    public Optional<Credentials> lookup(String serverId, boolean explicit) {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            if (explicit) {
                throw new SetupException(
                        "<serverId>" + serverId + "</serverId>: settings.xml has no <server> with that id.");
            }
            return Optional.empty();
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new SetupException("settings.xml <server> " + serverId + ": cannot decrypt its password ("
                        + problem.getMessage() + "). Check the master password in settings-security.xml.");
            }
        }
        Server decrypted = result.getServer();
        return Optional.of(new Credentials(
                decrypted.getUsername(),
                decrypted.getPassword(),
                "settings.xml server " + serverId,
                "settings.xml server " + serverId));
    }
}
