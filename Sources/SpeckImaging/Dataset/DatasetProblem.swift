/// A file or folder that could not be listed, and why (broken link, loop, no permission...).
/// The same shape as a file that cannot be decoded: a path and a reason.
public typealias DatasetProblem = ImageError
