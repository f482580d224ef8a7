package io.github.blip2j.core.data;

import java.util.List;

/** A data set that cannot be read as asked: bad rows or images under {@link BadRowPolicy#FAIL}, or an unreadable file. */
public class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int LISTED = 20;

    private final transient List<DatasetProblem> problems;

    public DatasetException(String message) {
        this(message, List.of(), null);
    }

    public DatasetException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    public DatasetException(String message, List<DatasetProblem> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    /** An exception listing the first problems (all of them are in {@link #problems()}). */
    static DatasetException of(String what, List<DatasetProblem> problems) {
        StringBuilder m = new StringBuilder(what).append(": ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems");
        for (int i = 0; i < Math.min(LISTED, problems.size()); i++) {
            m.append("\n  ").append(problems.get(i));
        }
        if (problems.size() > LISTED) {
            m.append("\n  ... and ").append(problems.size() - LISTED).append(" more");
        }
        m.append("\n(to drop bad rows and images instead, read with BadRowPolicy.SKIP)");
        return new DatasetException(m.toString(), problems, null);
    }

    /** Every problem found, in file order. */
    public List<DatasetProblem> problems() {
        return problems;
    }
}
