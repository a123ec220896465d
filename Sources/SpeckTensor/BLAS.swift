import COpenBLAS
import Foundation

/// Process-wide OpenBLAS settings.
public enum BLAS {
    /// Threads OpenBLAS may use inside one call. Speck runs one image per
    /// thread, so the backbones set this to 1 to avoid oversubscription.
    /// Also makes sure OpenBLAS uses kernels that fit this CPU (see `configure`).
    public static func setThreadCount(_ count: Int) {
        configure()
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The OpenBLAS kernel family in use ("SkylakeX", "Haswell", ...).
    public static var coreName: String {
        configure()
        return String(cString: openblas_get_corename())
    }

    /// Call before the first BLAS use (done by every `Ops` entry point and by
    /// `setThreadCount`). Runs once per process.
    public static func configure() { _ = kernelSelection }

    /// OpenBLAS 0.3.21 falls back to SSE3 kernels on CPUs newer than it knows
    /// (on this project's Xeon: "Prescott", 30 instead of 150 GFLOP/s). Unless
    /// the user chose with OPENBLAS_CORETYPE, pick the AVX-512 or AVX2 kernels
    /// that the CPU supports, through OpenBLAS's own core-selection entry points.
    private static let kernelSelection: Void = {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil else { return }
        let current = String(cString: openblas_get_corename()).lowercased()
        let modern = ["skylakex", "cooperlake", "sapphirerapids", "haswell", "zen"]
        guard !modern.contains(current) else { return }
        let wanted = speck_cpu_has_avx512() != 0 ? "SkylakeX" : speck_cpu_has_avx2() != 0 ? "Haswell" : nil
        guard let wanted else { return }
        setenv("OPENBLAS_CORETYPE", wanted, 1)
        gotoblas_dynamic_quit()
        gotoblas_dynamic_init()
        unsetenv("OPENBLAS_CORETYPE")
    }()
}
