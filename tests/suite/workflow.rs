//! The secretariat's daily work: watch, safe outputs, folder renders, appendices alone.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::cli::{cli, root, s, scratch};
use kehoach::fonts::FontSet;
use kehoach::render::{self, Format, Options};
use kehoach::watch::{self, Event};

fn copy_plan(name: &str, to: &Path) -> PathBuf {
    let target = to.join(name);
    std::fs::copy(root().join("plans").join(name), &target).unwrap();
    target
}

/// Names of the files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Saves like many editors do (a new file renamed over the old one), so a
/// watch never sees a half-written plan whatever the machine's load.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("yaml.swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

const DEADLINE: Duration = Duration::from_secs(120);

/// Waits for the next render event of the watch, up to [`DEADLINE`].
fn next_render(rx: &mpsc::Receiver<Event>) -> render::Report {
    next_outcome(rx).unwrap_or_else(|f| panic!("render failed: {:?}", f.diagnostics))
}

fn next_outcome(rx: &mpsc::Receiver<Event>) -> Result<render::Report, render::Failure> {
    match rx.recv_timeout(DEADLINE) {
        Ok(Event::Render(outcome)) => outcome,
        Ok(Event::WatchError(t)) => panic!("watch error: {}", t.en),
        Err(e) => panic!("no render within {DEADLINE:?}: {e}"),
    }
}

/// Polls `path` until its contents satisfy `ok`, up to [`DEADLINE`].
fn wait_for_contents(path: &Path, ok: impl Fn(&str) -> bool) -> String {
    let until = Instant::now() + DEADLINE;
    loop {
        if let Ok(text) = std::fs::read_to_string(path) {
            if ok(&text) {
                return text;
            }
        }
        assert!(
            Instant::now() < until,
            "{} did not change within {DEADLINE:?}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

const TITLE: &str = "Khắc phục tồn tại, hạn chế và cải thiện";

#[test]
fn watch_rerenders_on_save_reports_errors_and_follows_templates() {
    let dir = scratch("watch");
    let plan = copy_plan("gialai-2022-bqlkkt.yaml", &dir);
    let templates = dir.join("mau");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("nhan.yaml"), "luu: \"Lưu: VT\"\n").unwrap();
    let out = dir.join("out");
    let opts = Options {
        formats: vec![Format::Txt, Format::Docx],
        out_dir: Some(out.clone()),
        compose: kehoach::compose::Options {
            template_dir: Some(templates.clone()),
            ..Default::default()
        },
        ..Options::default()
    };
    let (stop_tx, stop_rx) = mpsc::channel();
    let (ev_tx, ev_rx) = mpsc::channel();
    let inputs = vec![plan.clone()];
    let worker = std::thread::spawn(move || {
        watch::run(&inputs, &opts, FontSet::embedded(), stop_rx, |e| {
            let _ = ev_tx.send(e);
        })
    });

    // The first render happens at start.
    let first = next_render(&ev_rx);
    let txt = out.join("gialai-2022-bqlkkt.txt");
    let docx = out.join("gialai-2022-bqlkkt.docx");
    assert_eq!(first.outputs.len(), 2);
    let before = std::fs::read_to_string(&txt).unwrap();
    assert!(before.contains(TITLE));

    // A save is picked up and the outputs are rewritten.
    let source = std::fs::read_to_string(&plan).unwrap();
    assert!(source.contains("Khắc phục tồn tại, hạn chế và cải thiện"));
    let edited = source.replacen(
        "Khắc phục tồn tại, hạn chế và cải thiện",
        "Sửa đổi tồn tại, hạn chế và cải thiện",
        1,
    );
    save(&plan, &edited);
    let report = next_render(&ev_rx);
    assert_eq!(report.outputs.len(), 2);
    let after = wait_for_contents(&txt, |t| t.contains("Sửa đổi tồn tại"));
    assert!(!after.contains(TITLE));
    let good_docx = std::fs::read(&docx).unwrap();
    let good_txt = std::fs::read(&txt).unwrap();

    // An error in the plan is reported and does not end the watch; the
    // outputs stay as they were.
    save(&plan, &edited.replacen("trich_yeu:", "trich_yeu: [", 1));
    let failure = next_outcome(&ev_rx).expect_err("a broken plan must fail");
    assert!(failure.diagnostics.iter().any(|d| d.is_error()));
    assert_eq!(std::fs::read(&docx).unwrap(), good_docx);
    assert_eq!(std::fs::read(&txt).unwrap(), good_txt);

    // Fixing the plan renders again.
    save(&plan, &edited);
    next_render(&ev_rx);

    // A template change re-renders the plans.
    save(&templates.join("nhan.yaml"), "luu: \"Lưu trữ: VT\"\n");
    next_render(&ev_rx);
    wait_for_contents(&txt, |t| t.contains("Lưu trữ: VT"));

    stop_tx.send(()).unwrap();
    worker.join().unwrap().unwrap();
    // Nothing but the outputs in the output folder (no temporary files).
    assert_eq!(
        listing(&out),
        ["gialai-2022-bqlkkt.docx", "gialai-2022-bqlkkt.txt"]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn watch_command_renders_and_stops_after_max_events() {
    let dir = scratch("watch-cli");
    let plan = copy_plan("gialai-2022-bqlkkt.yaml", &dir);
    let out = dir.join("out");
    let (code, _, err) = cli(&[
        "watch",
        s(&plan),
        "--to",
        "txt",
        "--out",
        s(&out),
        "--max-events",
        "1",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("đã cập nhật"), "{err}");
    assert!(out.join("gialai-2022-bqlkkt.txt").is_file());
    // A missing plan folder is a usage error, not a hang.
    let (code, _, err) = cli(&["watch", s(&dir.join("khong-co")), "--max-events", "1"]);
    assert_eq!(code, 2, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failed_render_leaves_the_previous_files_byte_identical() {
    let dir = scratch("keep");
    let plan = copy_plan("gialai-2022-bqlkkt.yaml", &dir);
    let out = dir.join("out");
    let (code, _, err) = cli(&["render", s(&plan), "--out", s(&out)]);
    assert_eq!(code, 0, "{err}");
    let docx = out.join("gialai-2022-bqlkkt.docx");
    let pdf = out.join("gialai-2022-bqlkkt.pdf");
    let (good_docx, good_pdf) = (std::fs::read(&docx).unwrap(), std::fs::read(&pdf).unwrap());
    assert!(good_docx.starts_with(b"PK") && good_pdf.starts_with(b"%PDF"));

    // An error in the plan: exit 1, files untouched.
    let source = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(&plan, source.replacen("ngay:", "ngay: [", 1)).unwrap();
    let (code, _, err) = cli(&["render", s(&plan), "--out", s(&out)]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(std::fs::read(&docx).unwrap(), good_docx);
    assert_eq!(std::fs::read(&pdf).unwrap(), good_pdf);

    // A failure while writing: a folder where the DOCX goes. The plan is
    // valid again (and changed), the write fails with exit 2, the PDF of
    // the last good render stays as it was and no temporary file is left.
    std::fs::write(
        &plan,
        source.replacen(TITLE, "Sửa đổi tồn tại, hạn chế và cải thiện", 1),
    )
    .unwrap();
    std::fs::remove_file(&docx).unwrap();
    std::fs::create_dir(&docx).unwrap();
    let (code, _, err) = cli(&["render", s(&plan), "--out", s(&out)]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("gialai-2022-bqlkkt.docx"), "{err}");
    assert!(docx.is_dir());
    assert_eq!(std::fs::read(&pdf).unwrap(), good_pdf);
    assert_eq!(
        listing(&out),
        ["gialai-2022-bqlkkt.docx", "gialai-2022-bqlkkt.pdf"]
    );

    // The PDF (written after the DOCX) cannot be written: the DOCX already
    // replaced gets its previous bytes back, so the pair on disk always
    // comes from one render.
    std::fs::remove_dir(&docx).unwrap();
    let (code, _, err) = cli(&["render", s(&plan), "--out", s(&out)]);
    assert_eq!(code, 0, "{err}");
    let good_docx = std::fs::read(&docx).unwrap();
    std::fs::write(
        &plan,
        source.replacen(TITLE, "Lần sửa thứ hai: tồn tại, hạn chế và cải thiện", 1),
    )
    .unwrap();
    std::fs::remove_file(&pdf).unwrap();
    std::fs::create_dir(&pdf).unwrap();
    let (code, _, err) = cli(&["render", s(&plan), "--out", s(&out)]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("gialai-2022-bqlkkt.pdf"), "{err}");
    assert_eq!(std::fs::read(&docx).unwrap(), good_docx);
    assert!(pdf.is_dir());
    assert_eq!(
        listing(&out),
        ["gialai-2022-bqlkkt.docx", "gialai-2022-bqlkkt.pdf"]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_folder_with_one_broken_plan_renders_the_others_in_order() {
    let dir = scratch("batch");
    let plans = dir.join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    for name in [
        "daklak-2022-par-sipas.yaml",
        "gialai-2022-bqlkkt.yaml",
        "vinhphuc-2024-par.yaml",
    ] {
        copy_plan(name, &plans);
    }
    std::fs::write(plans.join("b-hong.yaml"), "loai: ke-hoach\ntrich_yeu: [\n").unwrap();
    std::fs::write(plans.join("ghi-chu.txt"), "không phải kế hoạch").unwrap();
    let out = dir.join("out");
    let (code, _, err) = cli(&["render", s(&plans), "--out", s(&out), "--to", "docx,txt"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        listing(&out),
        [
            "daklak-2022-par-sipas.docx",
            "daklak-2022-par-sipas.txt",
            "gialai-2022-bqlkkt.docx",
            "gialai-2022-bqlkkt.txt",
            "vinhphuc-2024-par.docx",
            "vinhphuc-2024-par.txt",
        ]
    );
    // The summary lists every plan once, in name order, with its status.
    let table: Vec<&str> = err.lines().skip_while(|l| !l.starts_with("tệp")).collect();
    assert!(
        table[0].contains("trang") && table[0].contains("cảnh báo"),
        "{err}"
    );
    let order: Vec<&str> = ["b-hong", "daklak", "gialai", "vinhphuc"].to_vec();
    for (line, name) in table[1..5].iter().zip(&order) {
        assert!(line.contains(name), "{line} should be {name}");
        assert!(
            line.ends_with(if *name == "b-hong" {
                "LỖI (1)"
            } else {
                "xong"
            }),
            "{line}"
        );
    }
    assert_eq!(table[5], "3 kế hoạch xong, 1 lỗi");

    // Parallel rendering gives the same bytes as rendering one by one.
    let seq = dir.join("seq");
    for name in [
        "daklak-2022-par-sipas",
        "gialai-2022-bqlkkt",
        "vinhphuc-2024-par",
    ] {
        let opts = Options {
            formats: vec![Format::Docx, Format::Txt],
            out_dir: Some(seq.clone()),
            ..Options::default()
        };
        render::render_file(
            &plans.join(format!("{name}.yaml")),
            &opts,
            FontSet::embedded(),
        )
        .unwrap();
        for ext in ["docx", "txt"] {
            let file = format!("{name}.{ext}");
            assert_eq!(
                std::fs::read(seq.join(&file)).unwrap(),
                std::fs::read(out.join(&file)).unwrap(),
                "{file}"
            );
        }
    }

    // English summary; a folder of only good plans exits 0.
    std::fs::remove_file(plans.join("b-hong.yaml")).unwrap();
    let (code, _, err) = cli(&[
        "--lang",
        "en",
        "render",
        s(&plans),
        "--out",
        s(&out),
        "--to",
        "txt",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("3 plan(s) rendered, 0 failed"), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("file") && l.contains("warnings")),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn only_appendices_end_to_end() {
    let dir = scratch("phu-luc");
    let plan = copy_plan("vinhphuc-2024-par.yaml", &dir);
    let (code, _, err) = cli(&["render", s(&plan), "--only", "phu-luc"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        listing(&dir),
        [
            "vinhphuc-2024-par-phu-luc.docx",
            "vinhphuc-2024-par-phu-luc.pdf",
            "vinhphuc-2024-par.yaml"
        ]
    );
    let docx = std::fs::read(dir.join("vinhphuc-2024-par-phu-luc.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(
        xml.contains("Kèm theo Kế hoạch số 152/KH-UBND"),
        "no (Kèm theo …) line"
    );
    // The appendices alone: not the plan's own header or closing.
    assert!(!xml.contains("Nơi nhận"));
    let pdf = std::fs::read(dir.join("vinhphuc-2024-par-phu-luc.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn watching_a_folder_picks_up_new_plans() {
    let dir = scratch("watch-folder");
    let plans = dir.join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    copy_plan("gialai-2022-bqlkkt.yaml", &plans);
    let out = dir.join("out");
    let opts = Options {
        formats: vec![Format::Txt],
        out_dir: Some(out.clone()),
        ..Options::default()
    };
    let (stop_tx, stop_rx) = mpsc::channel();
    let (ev_tx, ev_rx) = mpsc::channel();
    let inputs = vec![plans.clone()];
    let worker = std::thread::spawn(move || {
        watch::run(&inputs, &opts, FontSet::embedded(), stop_rx, |e| {
            let _ = ev_tx.send(e);
        })
    });
    next_render(&ev_rx);
    assert_eq!(listing(&out), ["gialai-2022-bqlkkt.txt"]);

    // A plan saved into the folder afterwards is rendered on its own.
    let text = std::fs::read_to_string(root().join("plans/vinhphuc-2024-par.yaml")).unwrap();
    save(&plans.join("vinhphuc-2024-par.yaml"), &text);
    let report = next_render(&ev_rx);
    assert!(
        report.source.ends_with("vinhphuc-2024-par.yaml"),
        "{report:?}"
    );
    wait_for_contents(&out.join("vinhphuc-2024-par.txt"), |t| {
        t.contains("152/KH-UBND")
    });

    // Dropping the stop sender also ends the watch.
    drop(stop_tx);
    worker.join().unwrap().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
