package dev.junction.gateway.usage;

import dev.junction.gateway.store.StoreException;
import java.sql.SQLException;

/**
 * Tells a database that refuses a record for what it holds from a database that is in trouble,
 * so the usage writer can let one bad record go while it retries everything else.
 *
 * <p>A record fault: SQL state class 22 (data exception: a value too long, a character the
 * encoding refuses), 23 (integrity constraint: a check, a not-null), 54 (a program limit, such
 * as an index row too large); SQLite's TOOBIG, CONSTRAINT, MISMATCH and RANGE; or an exception
 * that is no database error at all (a record Junction could not even bind). Everything else (no
 * connection, a timeout, a read-only or full database, an unknown state) is the database's
 * trouble: the records wait and are retried, never let go.
 */
final class StoreFailures {
    private StoreFailures() {}

    static boolean recordFault(Throwable failure) {
        if (!(failure instanceof StoreException)) {
            return true; // not from the database: binding the record itself failed
        }
        SQLException sql = sqlCause(failure);
        if (sql == null) {
            return false;
        }
        for (SQLException e = sql; e != null; e = next(e)) {
            String state = e.getSQLState();
            if (state != null && state.length() >= 2) {
                String cls = state.substring(0, 2);
                if (cls.equals("22") || cls.equals("23") || cls.equals("54")) {
                    return true;
                }
            } else if (e.getClass().getName().startsWith("org.sqlite.")) {
                int code = e.getErrorCode() & 0xff; // the primary result code
                if (code == 18 || code == 19 || code == 20 || code == 25) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The database's own words for {@code failure}. */
    static String describe(Throwable failure) {
        SQLException sql = sqlCause(failure);
        if (sql == null) {
            return failure.toString();
        }
        SQLException deepest = sql;
        for (SQLException e = sql; e != null; e = next(e)) {
            deepest = e;
        }
        return (deepest.getSQLState() == null ? "" : "SQL state " + deepest.getSQLState() + ": ")
                + deepest.getMessage();
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                return e;
            }
        }
        return null;
    }

    /** A batch's failure names the statement's own in its next exception (pgjdbc does). */
    private static SQLException next(SQLException e) {
        SQLException n = e.getNextException();
        if (n == null && e.getCause() instanceof SQLException c && c != e) {
            return c;
        }
        return n == e ? null : n;
    }

}
