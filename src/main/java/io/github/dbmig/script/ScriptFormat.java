package io.github.dbmig.script;

import java.util.regex.Pattern;

/** MyBatis Migrations' script format, shared by everything that reads scripts. */
final class ScriptFormat {

    /** MyBatis' marker: {@code --} or {@code //}, then {@code //}, then {@code @UNDO}, blanks allowed between. */
    static final Pattern UNDO_MARKER = Pattern.compile("^[ \\t]*(--|//)[ \\t]*//[ \\t]*@UNDO.*$");

    private ScriptFormat() {}
}
