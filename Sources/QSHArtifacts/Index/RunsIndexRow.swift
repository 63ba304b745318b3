/// One row of the runs index: its cells in `RunsIndex.columns` order. Rows come either from a
/// run folder (a full scan, or a folder new to the index) or back from `runs_index.json`; both
/// render the same bytes when they hold the same values.
struct RunsIndexRow: Equatable {
    static let runID = 0, mode = 1, createdAt = 2, ticker = 3, start = 4, end = 5
    static let sharpe = 6, totalReturn = 7, maxDrawdown = 8, trades = 9, path = 10

    /// Scalars only (string, integer, number, boolean or null); `run_id` and `path` are strings.
    let cells: [JSONValue]
    let order: RunOrder

    init(record: RunRecord) {
        let row = RunsIndex.row(record)
        self.init(cells: RunsIndex.columns.map { row[$0] ?? .null }, runID: record.runID, path: record.path)
    }

    /// Cells read back from an index; `runID` and `path` are the strings in those cells.
    init(cells: [JSONValue], runID: String, path: String) {
        self.cells = cells
        order = RunOrder(createdAt: cells[Self.createdAt].stringValue ?? "", runID: runID, path: path)
    }
}

/// The order of the index: `created_at` (runs without one first), then run id, then path, which
/// makes it total (two folders may hold the same run id) so that any two ways of arriving at
/// the same set of runs print them in the same order.
struct RunOrder: Comparable {
    let createdAt: String
    let runID: String
    let path: String

    init(createdAt: String, runID: String, path: String) {
        self.createdAt = createdAt
        self.runID = runID
        self.path = path
    }

    init(_ record: RunRecord) {
        self.init(createdAt: record.metadata["created_at"]?.stringValue ?? "", runID: record.runID, path: record.path)
    }

    static func < (a: RunOrder, b: RunOrder) -> Bool {
        if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
        if a.runID != b.runID { return a.runID < b.runID }
        return a.path < b.path
    }
}
