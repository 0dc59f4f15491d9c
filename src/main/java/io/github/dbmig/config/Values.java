package io.github.dbmig.config;

/** Values as the pom and the command line give them. */
public final class Values {

    private Values() {
    }

    /** {@code value} without surrounding blanks, or null when it is null or blank (an element left empty). */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
