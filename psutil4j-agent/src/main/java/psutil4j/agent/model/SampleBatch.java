package psutil4j.agent.model;

import java.util.List;

/**
 * Everything one collection produced, at one instant.
 *
 * @param timeMillis when the collection started, epoch milliseconds
 * @param samples    the samples, each series at most once
 */
public record SampleBatch(long timeMillis, List<Sample> samples) {

    public SampleBatch {
        samples = List.copyOf(samples);
    }
}
