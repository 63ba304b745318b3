import QSHCore
import Testing

@Suite struct StrategyRegistryTests {
    @Test func namesAndDefault() {
        #expect(StrategyRegistry.names == ["rsi_ma_cross_v2", "sma_cross", "buy_and_hold"])
        #expect(StrategyRegistry.defaultName == "rsi_ma_cross_v2")
    }

    @Test(arguments: ["rsi_ma_cross_v2", "sma_cross", "buy_and_hold"])
    func lookUpByName(_ name: String) throws {
        let found = try StrategyRegistry.type(named: name)
        #expect(found.name == name)
        #expect(!found.summary.isEmpty)
        let strategy = try StrategyRegistry.make(named: name)
        #expect(type(of: strategy).name == name)
        #expect(strategy.parameters.values == found.parameters.map(\.defaultValue))
    }

    @Test(arguments: ["", "RSI_MA_CROSS_V2", "rsi_ma_cross", "nope"])
    func unknownStrategyListsTheNames(_ name: String) {
        #expect {
            _ = try StrategyRegistry.make(named: name)
        } throws: { error in
            guard let error = error as? StrategyError else { return false }
            return error.message == "unknown strategy '\(name)'; available: rsi_ma_cross_v2, sma_cross, buy_and_hold"
        }
        #expect(throws: StrategyError.self) { try StrategyRegistry.type(named: name) }
    }

    @Test func declarationsAreSane() {
        for type in StrategyRegistry.all {
            for p in type.parameters {
                #expect(p.range.contains(p.defaultValue), "\(type.name).\(p.name) default outside its range")
                #expect(!p.help.isEmpty)
                if p.kind == .integer { #expect(p.defaultValue.rounded() == p.defaultValue) }
            }
            #expect(Set(type.parameters.map(\.name)).count == type.parameters.count)
        }
    }

    @Test func errorClassification() {
        #expect(StrategyError.exitCode == 4)
        #expect(StrategyError.errorType == "StrategyError")
        #expect(StrategyError("x").description == "x")
        #expect(DataError.exitCode == 3)
        #expect(InvalidInputError.exitCode == 2)
        #expect(CancelledError().exitCode == 1)
        #expect(CancelledError().message == "interrupted")
    }
}

@Suite struct StrategyParametersTests {
    static let declarations = RsiMaCrossV2.parameters

    func strategyError(_ body: () throws(StrategyError) -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return error.message
        }
    }

    @Test func defaultsInDeclarationOrder() {
        let p = StrategyParameters(declarations: Self.declarations)
        #expect(p.values == [60, 75, 0])
        #expect(p.entries.map(\.name) == ["rsi_buy_max", "rsi_sell_min", "cooldown_days"])
        #expect(p.entries.map(\.kind) == [.number, .number, .integer])
    }

    @Test func overridesApplyInOrderLastWins() throws {
        let p = try StrategyParameters(
            declarations: Self.declarations, overrides: [("rsi_buy_max", 55), ("cooldown_days", 2), ("rsi_buy_max", 50.5)],
            strategy: "rsi_ma_cross_v2")
        #expect(p["rsi_buy_max"] == 50.5)
        #expect(p.integer("cooldown_days") == 2)
        #expect(p.values == [50.5, 75, 2])
    }

    @Test func unknownKeyNamesTheKeyAndTheAllowedKeys() {
        let message = strategyError { () throws(StrategyError) in
            _ = try StrategyParameters(declarations: Self.declarations, overrides: [("rsi_buy", 55)], strategy: "rsi_ma_cross_v2")
        }
        #expect(message == "unknown parameter 'rsi_buy' for strategy 'rsi_ma_cross_v2'; allowed: rsi_buy_max, rsi_sell_min, cooldown_days")
    }

    @Test func unknownKeyWithoutParameters() {
        var p = StrategyParameters(declarations: [])
        let message = strategyError { () throws(StrategyError) in try p.set("x", 1, strategy: "buy_and_hold") }
        #expect(message == "unknown parameter 'x' for strategy 'buy_and_hold'; allowed: (none)")
    }

    @Test(arguments: [
        ("rsi_buy_max", 100.5, "parameter 'rsi_buy_max': 100.5 is outside the allowed range 0...100"),
        ("rsi_buy_max", -1, "parameter 'rsi_buy_max': -1 is outside the allowed range 0...100"),
        ("cooldown_days", 10_001, "parameter 'cooldown_days': 10001 is outside the allowed range 0...10000"),
        ("cooldown_days", -1, "parameter 'cooldown_days': -1 is outside the allowed range 0...10000"),
        ("cooldown_days", 1.5, "parameter 'cooldown_days': expected an integer, got 1.5"),
        ("rsi_sell_min", .nan, "parameter 'rsi_sell_min': value must be a finite number"),
        ("rsi_sell_min", .infinity, "parameter 'rsi_sell_min': value must be a finite number"),
    ])
    func badValues(key: String, value: Double, message: String) {
        var p = StrategyParameters(declarations: Self.declarations)
        #expect(strategyError { () throws(StrategyError) in try p.set(key, value, strategy: "rsi_ma_cross_v2") } == message)
        #expect(p.values == [60, 75, 0], "a rejected value must not be stored")
    }

    @Test func boundsAreInclusive() throws {
        var p = StrategyParameters(declarations: Self.declarations)
        try p.set("rsi_buy_max", 0, strategy: "s")
        try p.set("rsi_sell_min", 100, strategy: "s")
        try p.set("cooldown_days", 10_000, strategy: "s")
        #expect(p.values == [0, 100, 10_000])
    }

    @Test func registryMakeReportsBadValuesAsStrategyErrors() {
        #expect(throws: StrategyError.self) { try StrategyRegistry.make(named: "sma_cross", overrides: [("fast", 0)]) }
        #expect(throws: StrategyError.self) { try StrategyRegistry.make(named: "buy_and_hold", overrides: [("fast", 2)]) }
    }
}

@Suite struct StrategyParameterParseTests {
    static let cooldown = RsiMaCrossV2.parameters[2]
    static let buyMax = RsiMaCrossV2.parameters[0]

    @Test(arguments: [("2", 2.0), (" 3 ", 3), ("\t4\n", 4), ("5.0", 5), ("1e2", 100), ("0", 0)])
    func parsesIntegers(text: String, value: Double) throws {
        #expect(try Self.cooldown.parse(text) == value)
    }

    @Test(arguments: [("55.5", 55.5), ("0.25", 0.25), ("100", 100), ("  60 ", 60)])
    func parsesNumbers(text: String, value: Double) throws {
        #expect(try Self.buyMax.parse(text) == value)
    }

    @Test(arguments: [
        ("", "parameter 'cooldown_days': '' is not a number"),
        ("  ", "parameter 'cooldown_days': '  ' is not a number"),
        ("two", "parameter 'cooldown_days': 'two' is not a number"),
        ("1,5", "parameter 'cooldown_days': '1,5' is not a number"),
        ("2.5", "parameter 'cooldown_days': expected an integer, got 2.5"),
        ("nan", "parameter 'cooldown_days': value must be a finite number"),
        ("-3", "parameter 'cooldown_days': -3 is outside the allowed range 0...10000"),
    ])
    func rejects(text: String, message: String) {
        #expect {
            _ = try Self.cooldown.parse(text)
        } throws: { error in
            (error as? StrategyError)?.message == message
        }
    }

    @Test func formatting() {
        #expect(Self.cooldown.format(3) == "3")
        #expect(Self.buyMax.format(60) == "60")
        #expect(Self.buyMax.format(55.5) == "55.5")
        #expect(StrategyParameter.Kind.integer.rawValue == "int")
        #expect(StrategyParameter.Kind.number.rawValue == "float")
    }

    /// A huge whole number for an integer parameter (`--param cooldown_days=1e20`) is out of
    /// range: the error message must print it without converting it to `Int` (which traps).
    @Test
    func hugeIntegerIsAStrategyErrorNotACrash() async {
        await #expect(processExitsWith: .success) {
            // Expected: a thrown StrategyError ("... outside the allowed range ..."), no trap.
            _ = try? RsiMaCrossV2.parameters[2].parse("1e20")
        }
    }
}
