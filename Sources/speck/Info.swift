import ArgumentParser

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Summarise an image folder or dataset.")
    @Argument var folder: String
    func run() throws { print(folder) }
}
