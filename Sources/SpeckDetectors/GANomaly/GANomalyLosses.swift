import Foundation

/// The losses of one GANomaly training step.
public struct GANomalyLosses: Sendable, Equatable {
    /// Feature matching ‖f(x) − f(x̂)‖² on the discriminator's features.
    public var adversarial: Float
    /// ‖x − x̂‖₁.
    public var contextual: Float
    /// ‖z − ẑ‖².
    public var latent: Float
    /// The weighted sum the generator minimises.
    public var generator: Float
    /// BCE of real against reconstructed images.
    public var discriminator: Float
    /// Whether the discriminator collapsed and was re-initialised after this step.
    public var discriminatorReset: Bool

    /// Running sums of losses, for the per-epoch means shown while training.
    static func + (a: GANomalyLosses, b: GANomalyLosses) -> GANomalyLosses {
        GANomalyLosses(adversarial: a.adversarial + b.adversarial, contextual: a.contextual + b.contextual,
                       latent: a.latent + b.latent, generator: a.generator + b.generator,
                       discriminator: a.discriminator + b.discriminator,
                       discriminatorReset: a.discriminatorReset || b.discriminatorReset)
    }

    static let zero = GANomalyLosses(adversarial: 0, contextual: 0, latent: 0, generator: 0, discriminator: 0,
                                     discriminatorReset: false)

    /// "G 1.234 (adv 0.01 con 0.02 lat 0.003) · D 0.693" for `count` summed steps.
    func summary(over count: Int) -> String {
        let n = Float(max(count, 1))
        return String(format: "G %.4g (adv %.3g con %.3g lat %.3g) · D %.3g", generator / n, adversarial / n,
                      contextual / n, latent / n, discriminator / n)
    }
}
