package io.github.dbmig.migration.plan;

import io.github.dbmig.errors.SetupException;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.script.ParsedScript;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** A {@code -- dbmig:role=} that does not exist, or that the user may not take, fails before any script runs. */
final class RoleCheck {

    private RoleCheck() {}

    static void check(DatabaseSession session, List<ParsedScript> scripts) throws SQLException {
        Connection connection = session.connection();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT pg_has_role(session_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = ?")) {
            for (ParsedScript script : scripts) {
                String role = script.directives().role();
                if (role == null) {
                    continue;
                }
                query.setString(1, role);
                try (ResultSet rs = query.executeQuery()) {
                    if (!rs.next()) {
                        throw new SetupException("Script " + script.file().path() + ": -- dbmig:role=" + role
                                + " names a role" + " that does not exist on database "
                                + session.database().id() + "; nothing was run.");
                    }
                    if (!rs.getBoolean(1)) {
                        throw new SetupException("Script " + script.file().path() + ": -- dbmig:role=" + role
                                + ": user "
                                + session.database().credentials().username() + " is not a member of that role, so it"
                                + " cannot SET ROLE to it (GRANT " + role + " TO …); nothing was run.");
                    }
                }
            }
        } finally {
            DatabaseSession.rollbackIfOpen(connection);
        }
    }
}
