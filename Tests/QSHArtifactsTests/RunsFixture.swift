import Foundation

/// A runs folder written by hand (not by the code under test): three good runs whose folder
/// names sort opposite to their `created_at`, one run with corrupt `metadata.json`, a hidden
/// `.staging-x` folder that looks like a run, and a loose file.
enum RunsFixture {
    static let generatedAt = Date(timeIntervalSince1970: 1_795_499_400)  // 2026-11-24T05:50:00Z

    /// Folder names in `created_at` order.
    static let orderedFolders = ["c_earliest", "b_middle", "a_latest"]
    static let orderedIDs = ["20251231_235959_grid_aaaaaaa", "20260102_000000_run_bbbbbbb", "20260103_120000_paper_ccccccc"]

    static func make(in folder: TemporaryFolder, runs: String = "runs") throws {
        try folder.write("\(runs)/a_latest/metadata.json", """
            {"run_id": "20260103_120000_paper_ccccccc", "mode": "paper", "created_at": "2026-01-03T12:00:00+00:00",
             "summary": {"sharpe_simple": -0.5, "total_return": -1e-06, "max_drawdown": 0.0, "trades": 0}}
            """)
        try folder.write("\(runs)/a_latest/config.json", #"{"ticker": "BTC|USD,\"x\"", "start": "2021-01-01", "end": null}"#)
        try folder.write("\(runs)/b_middle/metadata.json", """
            {"run_id": "20260102_000000_run_bbbbbbb", "mode": "run", "created_at": "2026-01-02T00:00:00+00:00",
             "summary": {"sharpe_simple": 1.23456, "total_return": 0.1, "max_drawdown": -0.25, "trades": 12, "win_rate": 0.5}}
            """)
        try folder.write("\(runs)/b_middle/config.json", #"{"ticker": "ETH-USD", "start": "2022-01-01", "end": "2023-12-31", "fee": 0.001}"#)
        try folder.write("\(runs)/b_middle/metrics.json", #"{"summary": {"trades": 12}}"#)
        try folder.write("\(runs)/c_earliest/metadata.json", """
            {"run_id": "20251231_235959_grid_aaaaaaa", "mode": "grid", "created_at": "2025-12-31T23:59:59+00:00",
             "summary": {"sharpe_simple": null, "total_return": 2.5e-07, "max_drawdown": -1e-05, "trades": 3}}
            """)
        try folder.write("\(runs)/c_earliest/config.json", #"{"ticker": "SPY", "start": "2020-01-01", "end": "2020-12-31"}"#)
        try folder.write("\(runs)/d_corrupt/metadata.json", #"{"run_id": "broken", "#)
        try folder.write("\(runs)/d_corrupt/config.json", #"{"ticker": "BAD"}"#)
        try folder.write("\(runs)/.staging-x/metadata.json", """
            {"run_id": "staging", "mode": "run", "created_at": "2026-01-01T00:00:00+00:00", "summary": {}}
            """)
        try folder.write("\(runs)/notes.txt", "not a run")
    }

    /// `runs_index.csv` as Python's csv.writer prints the rows (ROOT = the runs folder).
    static let csv = """
        run_id,mode,created_at,ticker,start,end,sharpe_simple,total_return,max_drawdown,trades,path
        20251231_235959_grid_aaaaaaa,grid,2025-12-31T23:59:59+00:00,SPY,2020-01-01,2020-12-31,,2.5e-07,-1e-05,3,ROOT/c_earliest
        20260102_000000_run_bbbbbbb,run,2026-01-02T00:00:00+00:00,ETH-USD,2022-01-01,2023-12-31,1.23456,0.1,-0.25,12,ROOT/b_middle
        20260103_120000_paper_ccccccc,paper,2026-01-03T12:00:00+00:00,"BTC|USD,""x\""",2021-01-01,,-0.5,-1e-06,0.0,0,ROOT/a_latest

        """

    /// `runs_index.json` as `json.dumps(index, sort_keys=True, indent=2)` prints it, plus a newline.
    static let json = #"""
        {
          "generated_at": "2026-11-24T05:50:00+00:00",
          "n_runs": 3,
          "root_dir": "ROOT",
          "runs": [
            {
              "created_at": "2025-12-31T23:59:59+00:00",
              "end": "2020-12-31",
              "max_drawdown": -1e-05,
              "mode": "grid",
              "path": "ROOT/c_earliest",
              "run_id": "20251231_235959_grid_aaaaaaa",
              "sharpe_simple": null,
              "start": "2020-01-01",
              "ticker": "SPY",
              "total_return": 2.5e-07,
              "trades": 3
            },
            {
              "created_at": "2026-01-02T00:00:00+00:00",
              "end": "2023-12-31",
              "max_drawdown": -0.25,
              "mode": "run",
              "path": "ROOT/b_middle",
              "run_id": "20260102_000000_run_bbbbbbb",
              "sharpe_simple": 1.23456,
              "start": "2022-01-01",
              "ticker": "ETH-USD",
              "total_return": 0.1,
              "trades": 12
            },
            {
              "created_at": "2026-01-03T12:00:00+00:00",
              "end": null,
              "max_drawdown": 0.0,
              "mode": "paper",
              "path": "ROOT/a_latest",
              "run_id": "20260103_120000_paper_ccccccc",
              "sharpe_simple": -0.5,
              "start": "2021-01-01",
              "ticker": "BTC|USD,\"x\"",
              "total_return": -1e-06,
              "trades": 0
            }
          ]
        }

        """#

    static let markdown = """
        # Runs

        3 runs, generated 2026-11-24T05:50:00+00:00

        | run_id | mode | created_at | ticker | start | end | sharpe_simple | total_return | max_drawdown | trades | path |
        |---|---|---|---|---|---|---|---|---|---|---|
        | 20251231_235959_grid_aaaaaaa | grid | 2025-12-31T23:59:59+00:00 | SPY | 2020-01-01 | 2020-12-31 |  | 0.00% | 0.00% | 3 | ROOT/c_earliest |
        | 20260102_000000_run_bbbbbbb | run | 2026-01-02T00:00:00+00:00 | ETH-USD | 2022-01-01 | 2023-12-31 | 1.235 | 10.00% | -25.00% | 12 | ROOT/b_middle |
        | 20260103_120000_paper_ccccccc | paper | 2026-01-03T12:00:00+00:00 | BTC\\|USD,"x" | 2021-01-01 |  | -0.500 | 0.00% | 0.00% | 0 | ROOT/a_latest |

        """
}
