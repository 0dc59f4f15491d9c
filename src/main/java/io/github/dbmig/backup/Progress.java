package io.github.dbmig.backup;

import io.github.dbmig.log.Log;

import java.util.function.LongSupplier;

/** Logs how far a long dump or restore has come, every few seconds: bytes so far and the rate. */
public final class Progress {

    private final String what;
    private final Log log;
    private final long intervalMillis;

    Progress(String what, Log log, long intervalMillis) {
        this.what = what;
        this.log = log;
        this.intervalMillis = intervalMillis;
    }

    Thread start(LongSupplier bytes) {
        long started = System.nanoTime();
        Thread ticker = new Thread(
                () -> {
                    try {
                        while (true) {
                            Thread.sleep(intervalMillis);
                            long done = bytes.getAsLong();
                            double seconds = (System.nanoTime() - started) / 1e9;
                            log.info(String.format(
                                    "%s: %s so far (%s/s)", what, human(done), human((long) (done / seconds))));
                        }
                    } catch (InterruptedException e) {
                        // finished
                    }
                },
                "dbmig-progress");
        ticker.setDaemon(true);
        ticker.start();
        return ticker;
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }
}
