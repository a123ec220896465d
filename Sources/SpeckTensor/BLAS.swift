import COpenBLAS

/// Process-wide OpenBLAS settings.
public enum BLAS {
    /// Threads OpenBLAS may use inside one call. Speck runs one image per
    /// thread, so the backbones set this to 1 to avoid oversubscription.
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }
}
