package io.github.dbmig.api;

/**
 * What {@code dbmig:status} is asked to show besides each script's state.
 *
 * @param history     also show the history: who applied, undid or stamped which script, when, from which build
 * @param historyRows how many history rows to show, newest first
 */
public record StatusRequest(boolean history, int historyRows) {}
