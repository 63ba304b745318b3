import CFileSupport

/// The heap's free memory, given back to the system between the phases of a long command
/// (`tune session`: the run's workers free into arenas of their own, which the ranking that
/// follows on another thread would not reuse, so the peak would be the sum of both phases).
public enum FreeMemory {
    public static func release() { qsh_release_free_memory() }
}
