/*
 * floor (C): the cost of only getting the bytes, for the benchmark tables.
 *
 *   floor [-w WARMUP_S] [-b BATCHES] [-t BATCH_S] NAME FILE...   open/read-until-EOF/close each FILE
 *   floor [-w WARMUP_S] [-b BATCHES] [-t BATCH_S] -p NAME        readdir /proc, then per pid read
 *                                                                stat, status, statm, cmdline
 * Prints one JSON object: {"name":..., "us_per_op":mean of the batch means, "stdev":..., ...}.
 * Timing mirrors JMH's average-time mode: warm up for WARMUP_S seconds, then BATCHES batches of
 * about BATCH_S seconds each; a batch's score is its elapsed time / operations.
 * A benchmark peer, not library code: psutil4j itself never runs this.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char buf[64 * 1024];

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Whole file into the reused buffer; returns bytes read or -1 (e.g. the process exited). */
static long read_file(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    long total = 0;
    for (;;) {
        ssize_t n = read(fd, buf + total, sizeof buf - total);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        total += n;
        if ((size_t) total == sizeof buf) {
            total = 0; /* content larger than the buffer: keep reading, overwrite */
        }
    }
    close(fd);
    return total;
}

static char **files;
static int nfiles;
static int procs_mode;
static volatile long sink;

static long op_files(void) {
    long t = 0;
    for (int i = 0; i < nfiles; i++) {
        t += read_file(files[i]);
    }
    return t;
}

static long op_procs(void) {
    static const char *const names[] = {"stat", "status", "statm", "cmdline"};
    char path[320];
    long t = 0;
    DIR *d = opendir("/proc");
    if (d == NULL) {
        perror("opendir /proc");
        exit(1);
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9') {
            continue;
        }
        for (int i = 0; i < 4; i++) {
            snprintf(path, sizeof path, "/proc/%s/%s", e->d_name, names[i]);
            t += read_file(path);
        }
    }
    closedir(d);
    return t;
}

static long op(void) {
    return procs_mode ? op_procs() : op_files();
}

/* Runs op() for about `seconds`; returns microseconds per op. */
static double batch(double seconds, long *ops_out) {
    long ops = 0;
    double start = now_s(), end;
    do {
        for (int i = 0; i < 16; i++) {
            sink += op();
        }
        ops += 16;
        end = now_s();
    } while (end - start < seconds);
    *ops_out = ops;
    return (end - start) * 1e6 / ops;
}

int main(int argc, char **argv) {
    double warmup = 3, batch_s = 1;
    int batches = 5;
    int opt;
    while ((opt = getopt(argc, argv, "w:b:t:p")) != -1) {
        switch (opt) {
        case 'w': warmup = atof(optarg); break;
        case 'b': batches = atoi(optarg); break;
        case 't': batch_s = atof(optarg); break;
        case 'p': procs_mode = 1; break;
        default:
            fprintf(stderr, "usage: %s [-w warmup_s] [-b batches] [-t batch_s] (NAME FILE... | -p NAME)\n", argv[0]);
            return 2;
        }
    }
    if (argc - optind < (procs_mode ? 1 : 2) || batches < 1 || batches > 100) {
        fprintf(stderr, "usage: %s [-w warmup_s] [-b batches] [-t batch_s] (NAME FILE... | -p NAME)\n", argv[0]);
        return 2;
    }
    const char *name = argv[optind];
    files = argv + optind + 1;
    nfiles = argc - optind - 1;
    if (!procs_mode) {
        for (int i = 0; i < nfiles; i++) {
            if (read_file(files[i]) < 0) {
                fprintf(stderr, "floor: cannot read %s: %s\n", files[i], strerror(errno));
                return 1;
            }
        }
    }

    long ops;
    if (warmup > 0) {
        batch(warmup, &ops);
    }
    double scores[100], sum = 0;
    long total_ops = 0;
    for (int i = 0; i < batches; i++) {
        scores[i] = batch(batch_s, &ops);
        sum += scores[i];
        total_ops += ops;
    }
    double mean = sum / batches, var = 0;
    for (int i = 0; i < batches; i++) {
        var += (scores[i] - mean) * (scores[i] - mean);
    }
    double stdev = batches > 1 ? sqrt(var / (batches - 1)) : 0;
    printf("{\"name\": \"%s\", \"us_per_op\": %.3f, \"stdev\": %.3f, \"batches\": [", name, mean, stdev);
    for (int i = 0; i < batches; i++) {
        printf("%s%.3f", i ? ", " : "", scores[i]);
    }
    printf("], \"ops\": %ld}\n", total_ops);
    return 0;
}
