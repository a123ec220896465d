import SpeckTensor

/// Naming and seeding of the networks of a trained detector's ensemble
/// (`heads=N`): N networks trained from different seeds on the same extracted
/// features, whose scores are averaged. The first keeps the detector's own
/// seed and tensor names, so that one head is exactly the detector it always was.
public enum EnsembleMembers {
    /// The seed of member `index`: the detector's own for the first, a mixed one
    /// for the others, so that the members of seed s and of seed s + 1 share
    /// nothing (s + 1 ≠ any mixed seed of s but by chance). At most 2³¹ − 1.
    public static func seed(base: UInt64, member index: Int) -> UInt64 {
        guard index > 0 else { return base }
        var rng = SeededGenerator(seed: base &+ UInt64(index) &* 0xD1B5_4A32_D192_ED03)
        return rng.next() >> 33
    }

    /// What the tensor names of member `index` start with: "" for the first, "headN." after.
    public static func prefix(_ index: Int) -> String { index == 0 ? "" : "head\(index)." }

    /// The parameters of a model file written before its detector had `heads`: one member.
    public static func upgrading(_ parameters: [String: String]) -> [String: String] {
        ParameterUpgrade.filling("heads", with: "1", in: parameters)
    }
}
