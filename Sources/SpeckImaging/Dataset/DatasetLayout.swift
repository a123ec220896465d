/// How a dataset folder is organised.
public enum DatasetLayout: String, Sendable {
    /// MVTec AD: train/good, test/<kind>, ground_truth/<kind>/<name>_mask.png.
    case mvtec
    /// Any folder of images, searched recursively; the first folder level, when there is
    /// one, is the label ("good" or a defect kind).
    case folder
}
