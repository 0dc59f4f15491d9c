package io.github.dbmig.goal;

import io.github.dbmig.config.Database;
import io.github.dbmig.log.Log;
import io.github.dbmig.script.ScriptDirectory;
import io.github.dbmig.script.ScriptParser;
import io.github.dbmig.script.ScriptSet;

import java.util.ArrayList;
import java.util.List;

/** A database's scripts: found once per goal (what is skipped said in the log), and read with its variables. */
public final class Scripts {

    private final Database database;
    private final Log log;

    public Scripts(Database database, Log log) {
        this.database = database;
        this.log = log;
    }

    public ScriptSet scan() {
        List<String> warnings = new ArrayList<>();
        ScriptSet set = ScriptDirectory.scan(database.scripts(), warnings);
        warnings.forEach(log::warn);
        return set;
    }

    public ScriptParser parser() {
        return new ScriptParser(database.encoding(), database.variables());
    }
}
