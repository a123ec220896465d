/// The label queries both stores run word for word (standard SQL): the
/// labels in force (newest wins, cleared ones left out) and the history.
enum LabelQueries {
    static let current = """
        SELECT label.imageId, image.path, label.verdict, label.note, label.author, label.createdAt
        FROM label JOIN image ON image.id = label.imageId
        WHERE label.id = (SELECT newest.id FROM label AS newest WHERE newest.imageId = label.imageId
                          ORDER BY newest.createdAt DESC, newest.id DESC LIMIT 1)
          AND label.verdict != 'cleared'
        ORDER BY image.path
        """

    static let history = """
        SELECT label.imageId, image.path, label.verdict, label.note, label.author, label.createdAt
        FROM label JOIN image ON image.id = label.imageId
        ORDER BY label.createdAt, label.id
        """
}
