import ArgumentParser
import SpeckDetectors

/// `--fit stretch|shorter|pad`; a wrong word is refused naming the flag and the choices.
extension PreprocessingFit: ExpressibleByArgument {}
