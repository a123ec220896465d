/// The counts behind scoring progress, run word for word by both stores.
enum ProgressQueries {
    static let presentImages = "SELECT COUNT(*) FROM image WHERE missingSince IS NULL"

    /// Scores of images still present, per model.
    static let scoredByModel = """
        SELECT score.modelId, COUNT(*) FROM score JOIN image ON image.id = score.imageId
        WHERE image.missingSince IS NULL GROUP BY score.modelId
        """
}
