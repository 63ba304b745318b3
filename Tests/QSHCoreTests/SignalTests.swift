import QSHCore
import Testing

/// The shared signal rules (contract.md section 1, "Signals"): buy only when flat, sell only
/// when long, and a running cooldown suppresses everything, exits included, counting bars.
@Suite struct SignalTests {
    struct Script: Sendable, CustomTestStringConvertible {
        let name: String
        let cooldown: Int
        /// (buy, sell) per bar.
        let inputs: [(Bool, Bool)]
        let expected: [Int8]
        var testDescription: String { name }
    }

    static let scripts: [Script] = [
        Script(name: "sell while flat is ignored", cooldown: 0,
               inputs: [(false, true), (false, true)], expected: [0, 0]),
        Script(name: "buy when flat, hold, sell when long", cooldown: 0,
               inputs: [(true, false), (false, false), (false, true)], expected: [1, 0, -1]),
        Script(name: "buy while long is ignored", cooldown: 0,
               inputs: [(true, false), (true, false), (true, false)], expected: [1, 0, 0]),
        Script(name: "buy and sell together: flat buys, long sells", cooldown: 0,
               inputs: [(true, true), (true, true), (true, true)], expected: [1, -1, 1]),
        Script(name: "no conditions, no signal", cooldown: 3,
               inputs: [(false, false), (false, false)], expected: [0, 0]),
        Script(name: "cooldown suppresses the exit and counts bars", cooldown: 2,
               inputs: [(true, false), (false, true), (false, true), (false, true)], expected: [1, 0, 0, -1]),
        Script(name: "cooldown after an exit suppresses the next entry", cooldown: 1,
               inputs: [(true, false), (false, false), (false, true), (true, false), (true, false)],
               expected: [1, 0, -1, 0, 1]),
        Script(name: "cooldown runs down on quiet bars too", cooldown: 2,
               inputs: [(true, false), (false, false), (false, false), (false, true)], expected: [1, 0, 0, -1]),
        Script(name: "cooldown of one bar", cooldown: 1,
               inputs: [(true, true), (true, true), (true, true), (true, true)], expected: [1, 0, -1, 0]),
    ]

    @Test(arguments: scripts)
    func stateMachine(_ script: Script) {
        var machine = SignalStateMachine(cooldownBars: script.cooldown)
        let emitted = script.inputs.map { machine.step(buy: $0.0, sell: $0.1) }
        #expect(emitted == script.expected)
    }

    @Test func defaultHasNoCooldown() {
        let machine = SignalStateMachine()
        #expect(machine.cooldownBars == 0)
    }

    @Test func longRandomScriptAlternatesEntriesAndExits() {
        // Whatever the conditions, emitted signals alternate +1, -1, +1, ... starting with +1.
        var machine = SignalStateMachine(cooldownBars: 1)
        var state: UInt64 = 12_345
        var emitted: [Int8] = []
        for _ in 0..<1_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let s = machine.step(buy: state >> 63 == 1, sell: (state >> 62) & 1 == 1)
            if s != 0 { emitted.append(s) }
        }
        #expect(emitted.count > 100)
        #expect(emitted.enumerated().allSatisfy { $0.element == ($0.offset % 2 == 0 ? 1 : -1) })
    }

    @Test func cooldownGapsBetweenSignals() {
        // With cooldown n and both conditions always true, signals come every n + 1 bars.
        for n in 0...4 {
            var machine = SignalStateMachine(cooldownBars: n)
            let emitted = (0..<20).map { _ in machine.step(buy: true, sell: true) }
            let bars = emitted.indices.filter { emitted[$0] != 0 }
            #expect(bars == Array(stride(from: 0, to: 20, by: n + 1)), "cooldown \(n)")
        }
    }
}
