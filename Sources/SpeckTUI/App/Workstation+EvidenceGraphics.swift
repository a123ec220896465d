import SpeckImaging

/// With terminal graphics, the evidence pane's two crops go out as pictures
/// in the cells their half-blocks took, as the image pane's picture does.
extension Workstation {
    /// The renderer for the evidence crops; with graphics on it notes where each went.
    var evidenceRenderer: HalfBlockRenderer {
        HalfBlockRenderer(colorMode: terminal.colorMode, log: imageSender == nil ? nil : evidencePictures.log)
    }

    /// Notes what the pane drew, for `evidenceScene`.
    func noteEvidencePictures(_ drawn: [Image], of content: EvidencePane.Content) {
        guard imageSender != nil, case .shown(let shown, _) = content, let entry = state.list.selectedEntry else { return }
        evidencePictures.drew(drawn, identity: [evidenceRequest(for: entry), shown.crops.testBox.description, shown.crops.trainingBox?.description,
                                                shown.crops.problem])
    }

    /// The crops at device pixels, each fitted (its aspect kept) in the middle of its cells.
    func evidenceScene() -> GraphicsScene? {
        let boxes = evidencePictures.log.boxes, crops = evidencePictures.crops
        guard !boxes.isEmpty, boxes.count == crops.count else { return nil }
        let cell = cellPixels, background = theme.base.background
        let sizes = boxes.map { $0.pixelSize(cell: cell) }
        let key: [AnyHashable] = evidencePictures.identity + [boxes, cell.width, cell.height, theme.name]
        return GraphicsScene(key: key, boxes: boxes) {
            zip(crops, sizes).map { crop, size in
                let fitted = PixelGrid.fittedSize(width: crop.width, height: crop.height, into: size.width, size.height)
                return EvidencePane.pixels(crop, width: fitted.width, height: fitted.height)
                    .centred(inWidth: size.width, height: size.height, fill: background)
            }
        }
    }
}

extension GraphicsScene {
    /// Both scenes' pictures in one (either may be nil).
    static func joining(_ first: GraphicsScene?, _ second: GraphicsScene?) -> GraphicsScene? {
        guard let first else { return second }
        guard let second else { return first }
        return GraphicsScene(key: [first.key, second.key] as [AnyHashable], boxes: first.boxes + second.boxes) {
            first.pictures() + second.pictures()
        }
    }
}
