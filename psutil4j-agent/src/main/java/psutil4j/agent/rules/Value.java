package psutil4j.agent.rules;

import java.util.List;
import java.util.Map;

import psutil4j.agent.tsdb.Series;

/** The result of evaluating an expression at one instant. */
public sealed interface Value {

    /** A number. */
    record Scalar(double value) implements Value {
    }

    /** One element of an instant vector: a label set (possibly with {@code __name__}) and a value. */
    record Element(Map<String, String> labels, double value) {
    }

    /** An instant vector. */
    record Vector(List<Element> elements) implements Value {
    }

    /** A range vector: the selected points of each series. */
    record Matrix(List<Series> series) implements Value {
    }
}
