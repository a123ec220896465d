/// # SpeckLearning: Speck's training engine
///
/// A small reverse-mode automatic differentiation engine over Float32 tensors,
/// built on `SpeckTensor` and OpenBLAS, for the detectors that train a network.
///
/// ## The design in one page
///
/// - **`Tensor`** (from SpeckTensor) is the one value type: a shape and a flat
///   row-major `[Float]`. Image batches are `[N, C, H, W]`.
/// - **`Parameter`** is a trainable tensor with a name ("encoder.conv1.weight").
///   Layers own parameters; optimisers update them in place between steps.
/// - **`Variable`** is a node of one forward pass: its value, the variables it
///   was computed from, and a closure that turns the gradient of the output
///   into gradients of those inputs (the op's vector-Jacobian product). A leaf
///   made from a parameter remembers it; a leaf made from data does not.
///   Building the graph *is* running the forward pass: there is no separate
///   compile step, and a forward pass's graph is dropped with its last variable.
/// - **`backward()`** on a scalar loss orders the graph topologically (depth
///   first from the loss), seeds the loss's gradient with 1, walks the nodes in
///   reverse order calling each closure, and sums the gradients arriving at each
///   node. The parameters' gradients come back as a `Gradients` value, not
///   stored in the parameters: two threads can run forward and backward on two
///   halves of a batch against the same parameters and add their `Gradients`.
/// - **Ops** are free functions and methods on `Variable` (`matmul`, `conv2d`,
///   `relu`, `+`, ...), each one forward computation plus its backward closure,
///   grouped by kind in `Ops/`. The heavy ones (matrix products, convolutions)
///   call raw-buffer kernels in `Kernels/`, which know nothing of the graph.
///   Every op has a finite-difference gradient check in the tests.
/// - **Layers** (`Dense`, `Conv2d`, `BatchNorm`, ...) hold parameters and
///   state (batch-norm running statistics) and expose `callAsFunction`.
///   `Module` lists a model's parameters and buffers by name, for optimisers
///   and for saving.
/// - **Optimisers** (`SGD`, `Adam`/AdamW) read a `Gradients` and update the
///   parameters; gradient clipping and learning-rate schedules sit beside them.
/// - **Both cores**: a training step calls
///   `DataParallel.lossAndGradients(batchSize:parallelism:) { range in loss }`,
///   where the closure builds the forward pass for the samples `range` of the
///   batch and returns their mean loss; it gets back the loss and `Gradients`.
///   `Parallelism.default` is the faster of the two ways `speck bench train`
///   measures: `.batchSplitting(shards:)` runs the closure on each shard on its
///   own thread (single-threaded OpenBLAS) and sums the gradients weighted by
///   shard size, in shard order, so it is deterministic; `.blasThreads(n)` runs
///   the whole batch on one thread with n OpenBLAS threads. Batch norm then
///   normalises each shard by its own statistics and updates its running ones
///   once per step from the whole batch's. `.serial` is one thread throughout.
/// - **Flows** (`Flows/`): invertible steps (`ActNorm`, soft-clamped
///   `AffineCoupling` with a `DenseSubnet` or `ConvSubnet`, seeded
///   `ChannelPermutation`) composed into a `Flow` that returns z and the
///   per-location log|det|; `Flow.negativeLogLikelihood` is the loss and
///   `Flow.logLikelihoodPerDimension` the per-patch likelihood detectors map.
/// - Randomness (initialisation, shuffling, augmentation) always comes from an
///   explicit `SeededGenerator`, so one seed gives the same weights bit for bit
///   on one thread (and, for a fixed shard count, with batch splitting).
public enum SpeckLearning {}
