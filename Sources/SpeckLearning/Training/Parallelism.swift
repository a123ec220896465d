/// How one training step uses the cores (issue 12: "measure batch splitting
/// against BLAS threads and keep the faster"; `speck bench train` measures both).
public enum Parallelism: Sendable, Equatable {
    /// One thread runs the whole batch; OpenBLAS uses `threads` inside each product.
    case blasThreads(Int)
    /// The batch is split along axis 0 into `shards` parts run on as many
    /// threads, each with single-threaded OpenBLAS; gradients are summed.
    case batchSplitting(shards: Int)

    /// What `DataParallel` uses unless told otherwise: the faster of the two
    /// on this project's 2-core machine (see README, "Training engine").
    public static let `default`: Parallelism = .batchSplitting(shards: 2)

    /// Single-threaded: on one thread one seed gives the same weights bit for bit.
    public static let serial: Parallelism = .blasThreads(1)
}
