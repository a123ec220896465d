@testable import SpeckTUI
import XCTest

/// What reaches the terminal frame after frame: only changes, removals, and everything again after a full repaint.
final class ImageSenderTests: XCTestCase {
    final class Output: @unchecked Sendable {
        var frames: [[UInt8]] = []
        var text: String { frames.map { String(decoding: $0, as: UTF8.self) }.joined() }
    }

    let box = Rect(x: 4, y: 2, width: 3, height: 2)

    func scene(_ key: Int, boxes: [Rect], colour: UInt8, counter: Counter? = nil) -> GraphicsScene {
        GraphicsScene(key: key, boxes: boxes) {
            counter?.count += 1
            return boxes.map { PixelGrid(width: $0.width * 2, height: $0.height * 4, fill: RGB(colour, 0, 0)) }
        }
    }

    final class Counter: @unchecked Sendable { var count = 0 }

    func testKittySendsOnceAndAgainOnlyWhenPixelsOrPlaceChange() throws {
        let output = Output()
        let sender = ImageSender(graphics: .kitty, encodeQueue: nil, writeQueue: nil, output: { output.frames.append($0) })
        let counter = Counter()
        XCTAssertFalse(sender.update(scene(1, boxes: [box], colour: 10, counter: counter)))
        sender.flush(textRepaintedInFull: false)
        XCTAssertEqual(output.frames.count, 1)
        let first = ImageSender.firstKittyId
        XCTAssertTrue(output.text.hasPrefix("\u{1b}_Ga=t,f=24,s=6,v=8,i=\(first),q=2,m=0;"),
                      "transmitted first, without a place: \(output.text.prefix(60).debugDescription)")
        XCTAssertTrue(output.text.hasSuffix("\u{1b}7\u{1b}[3;5H\u{1b}_Ga=p,i=\(first),p=1,c=3,r=2,C=1,q=2\u{1b}\\\u{1b}8"),
                      "then placed at row 3, column 5, the cursor put back: \(output.text.suffix(60).debugDescription)")
        // The same key: nothing is composed or sent.
        _ = sender.update(scene(1, boxes: [box], colour: 10, counter: counter))
        sender.flush(textRepaintedInFull: false)
        XCTAssertEqual(counter.count, 1)
        XCTAssertEqual(output.frames.count, 1)
        // A new key with the same pixels: composed, but not sent again.
        _ = sender.update(scene(2, boxes: [box], colour: 10, counter: counter))
        sender.flush(textRepaintedInFull: false)
        XCTAssertEqual(counter.count, 2)
        XCTAssertEqual(output.frames.count, 1)
        // Other pixels: sent under the box's other id, and the old picture deleted only once the new one is placed.
        _ = sender.update(scene(3, boxes: [box], colour: 200))
        sender.flush(textRepaintedInFull: false)
        XCTAssertEqual(output.frames.count, 2)
        let second = String(decoding: output.frames[1], as: UTF8.self)
        XCTAssertTrue(second.hasPrefix("\u{1b}_Ga=t,f=24,s=6,v=8,i=\(first + 1),"), second.prefix(60).debugDescription)
        XCTAssertTrue(second.hasSuffix("\u{1b}7\u{1b}[3;5H\u{1b}_Ga=p,i=\(first + 1),p=1,c=3,r=2,C=1,q=2\u{1b}\\\u{1b}8\u{1b}_Ga=d,d=I,i=\(first),q=2\u{1b}\\"),
                      second.suffix(80).debugDescription)
        // The text was repainted in full (resize): placed again although nothing changed; the data is still there.
        _ = sender.update(scene(3, boxes: [box], colour: 200))
        sender.flush(textRepaintedInFull: true)
        XCTAssertEqual(output.frames.count, 3)
        let third = String(decoding: output.frames[2], as: UTF8.self)
        XCTAssertTrue(third.contains("a=p,i=\(first + 1)") && !third.contains("a=t"), third.debugDescription)
    }

    func testKittyDeletesPicturesWhenThePaneBecomesText() throws {
        let output = Output()
        let sender = ImageSender(graphics: .kitty, encodeQueue: nil, writeQueue: nil, output: { output.frames.append($0) })
        let second = Rect(x: 10, y: 2, width: 3, height: 2)
        _ = sender.update(scene(1, boxes: [box, second], colour: 1))
        sender.flush(textRepaintedInFull: false)
        XCTAssertFalse(sender.update(scene(2, boxes: [box], colour: 1)), "kitty never needs the text repainted")
        sender.flush(textRepaintedInFull: false)
        XCTAssertEqual(output.frames.last.map { String(decoding: $0, as: UTF8.self) },
                       "\u{1b}_Ga=d,d=I,i=\(ImageSender.firstKittyId + 2),q=2\u{1b}\\", "only the second box's picture goes")
        XCTAssertFalse(sender.update(nil))
        sender.flush(textRepaintedInFull: false)
        XCTAssertTrue(output.text.hasSuffix("\u{1b}_Ga=d,d=I,i=\(ImageSender.firstKittyId),q=2\u{1b}\\"))
        XCTAssertEqual(sender.shownBoxes, [])
        let count = output.frames.count
        sender.clearNow()
        XCTAssertEqual(output.frames.count, count, "nothing left to delete")
    }

    /// Encoding runs off the UI thread: the frame that asks sends nothing, the one after the ready call sends it.
    func testPicturesAreEncodedInTheBackgroundAndSentByALaterFrame() throws {
        let output = Output()
        let encoded = expectation(description: "ready")
        let gate = DispatchSemaphore(value: 0)
        let sender = ImageSender(graphics: .kitty, encodeQueue: DispatchQueue(label: "test.encode"),
                                 ready: { encoded.fulfill() }, output: { output.frames.append($0) })
        let slow = GraphicsScene(key: 1, boxes: [box]) {
            gate.wait()  // held until the first frame is done
            return [PixelGrid(width: 6, height: 8, fill: RGB(9, 9, 9))]
        }
        XCTAssertFalse(sender.update(slow))
        sender.flush(textRepaintedInFull: false)
        XCTAssertEqual(output.frames.count, 0, "nothing to send before the encode is done")
        gate.signal()
        wait(for: [encoded], timeout: 5)
        _ = sender.update(slow)
        sender.flush(textRepaintedInFull: false)
        sender.waitForWrites()  // written on their own queue too: a slow terminal never holds up the keys
        XCTAssertEqual(output.frames.count, 2, "the transmission (one chunk), then the place")
        XCTAssertTrue(output.text.contains("a=t,f=24,s=6,v=8,i=\(ImageSender.firstKittyId)"), output.text.prefix(60).debugDescription)
        XCTAssertEqual(sender.shownBoxes, [box])
    }

    func testSixelAsksForARepaintWhenAPictureMovesOrGoes() throws {
        let output = Output()
        let sender = ImageSender(graphics: .sixel, encodeQueue: nil, writeQueue: nil, output: { output.frames.append($0) })
        XCTAssertFalse(sender.update(scene(1, boxes: [box], colour: 1)))
        sender.flush(textRepaintedInFull: false)
        XCTAssertTrue(output.text.contains("\u{1b}[3;5H\u{1b}P"))
        XCTAssertFalse(sender.update(scene(2, boxes: [box], colour: 90)), "same place: the new picture covers the old")
        sender.flush(textRepaintedInFull: false)
        XCTAssertEqual(output.frames.count, 2)
        let moved = Rect(x: 5, y: 2, width: 3, height: 2)
        XCTAssertTrue(sender.update(scene(3, boxes: [moved], colour: 90)), "moved: the old pixels must be painted over")
        sender.flush(textRepaintedInFull: true)
        XCTAssertTrue(String(decoding: output.frames[2], as: UTF8.self).contains("\u{1b}[3;6H\u{1b}P"))
        XCTAssertTrue(sender.update(nil), "gone: repaint")
    }

    /// A slow terminal and a user who moves on: the older transmission is cut short and never placed.
    func testANewerPictureCutsTheOlderTransmissionShort() throws {
        let output = Output()
        let stalled = DispatchSemaphore(value: 0), started = DispatchSemaphore(value: 0)
        let sender = ImageSender(graphics: .kitty, encodeQueue: nil, writeQueue: DispatchQueue(label: "test.write"), output: {
            output.frames.append($0)
            if output.frames.count == 1 {  // the terminal stops reading after the first chunk
                started.signal()
                stalled.wait()
            }
        })
        let large = Rect(x: 0, y: 0, width: 40, height: 20)  // 80x80 pixels: 19,200 bytes, 7 chunks of base64
        _ = sender.update(scene(1, boxes: [large], colour: 10))
        sender.flush(textRepaintedInFull: false)
        started.wait()
        _ = sender.update(scene(2, boxes: [large], colour: 20))
        sender.flush(textRepaintedInFull: false)
        stalled.signal()
        sender.waitForWrites()
        let stream = KittyStream(Data(output.frames.flatMap { $0 }))
        let first = String(ImageSender.firstKittyId), second = String(ImageSender.firstKittyId + 1)
        XCTAssertEqual(stream.transmissions.map(\.id), [first, second])
        guard stream.transmissions.count == 2 else { return }
        XCTAssertLessThan(stream.transmissions[0].bytes, 80 * 80 * 3, "the first is cut short")
        XCTAssertEqual(stream.transmissions[1].bytes, 80 * 80 * 3, "the second is complete")
        XCTAssertEqual(stream.placements.map { $0["i"] }, [second], "only the picture the user is looking at is placed")
        XCTAssertLessThan(output.frames.count, 7 + 7 + 2, "the rest of the first was never written")
    }
}
