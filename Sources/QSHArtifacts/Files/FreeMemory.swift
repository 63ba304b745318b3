import CFileSupport

/// The heap's free memory, given back to the system between the phases of a long command
/// (`tune session`: the run's workers free into arenas of their own, which the ranking that
/// follows on another thread would not reuse, so the peak would be the sum of both phases).
public enum FreeMemory {
    public static func release() { qsh_release_free_memory() }

    /// From now on, blocks of 128 KB or more are given back as soon as they are freed. glibc
    /// otherwise raises that threshold after the first large frees and keeps later large
    /// blocks in its heap, where a phase's freed arrays stay resident into the next: 10 MB of
    /// a 100,000-job `tune session`'s peak.
    public static func returnLargeBlocks() { qsh_map_large_allocations(128 * 1024) }
}
