package psutil4j.agent.model;

/** Receives each collection: the history store, the rule engine's recent-samples buffer, exporters. */
@FunctionalInterface
public interface SampleSink {

    /** Called once per collection, on the collector's thread; must not block for long. */
    void accept(SampleBatch batch);
}
