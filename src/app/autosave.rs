//! Writing the recovery file off the UI thread, about a second after each edit, so a
//! crash or kill loses at most that second of work.
//!
//! One worker thread writes in order; when edits come faster than it writes, it skips to
//! the newest brief, so an older version can never overwrite a newer one.

use briefsmith_core::model::Brief;
use briefsmith_core::store;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

/// Work for the writer thread.
enum Job {
    /// A recovery write: the draft it belongs to (the file it sits beside) and the brief.
    Write {
        anchor: PathBuf,
        brief: Box<Brief>,
        revision: u64,
    },
    /// Answers once every write queued before it is on disk.
    Barrier(Sender<()>),
}

/// What a finished write reports back: the revision written, or why it failed.
pub type Outcome = Result<u64, String>;

/// The background writer of recovery files.
pub struct Autosaver {
    jobs: Option<Sender<Job>>,
    done: Receiver<Outcome>,
    worker: Option<JoinHandle<()>>,
}

impl Default for Autosaver {
    fn default() -> Self {
        let (jobs, inbox) = channel::<Job>();
        let (report, done) = channel();
        let worker = std::thread::Builder::new()
            .name("briefsmith-autosave".into())
            .spawn(move || write_loop(&inbox, &report))
            .ok();
        Autosaver {
            jobs: worker.as_ref().map(|_| jobs),
            done,
            worker,
        }
    }
}

impl Autosaver {
    /// Queues a write of `brief` to the recovery file of `anchor`; returns false when the
    /// worker is gone (then the caller writes on its own thread).
    pub fn write(&self, anchor: PathBuf, brief: Brief, revision: u64) -> bool {
        self.jobs.as_ref().is_some_and(|tx| {
            tx.send(Job::Write {
                anchor,
                brief: Box::new(brief),
                revision,
            })
            .is_ok()
        })
    }

    /// Waits (a few seconds at most) until every queued write is on disk, so that a save
    /// or discard that removes the recovery file is not followed by a late write of it.
    pub fn settle(&self) {
        let (tx, rx) = channel();
        if let Some(jobs) = &self.jobs
            && jobs.send(Job::Barrier(tx)).is_ok()
        {
            let _ = rx.recv_timeout(std::time::Duration::from_secs(5));
        }
    }

    /// The outcomes of writes finished since the last call.
    pub fn finished(&self) -> Vec<Outcome> {
        self.done.try_iter().collect()
    }
}

impl Drop for Autosaver {
    /// Lets the last queued write finish before the app exits.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

fn write_loop(inbox: &Receiver<Job>, report: &Sender<Outcome>) {
    while let Ok(first) = inbox.recv() {
        // Take everything queued; write only the newest brief, then answer the barriers.
        let mut latest = None;
        let mut barriers = Vec::new();
        let mut next = Some(first);
        while let Some(job) = next {
            match job {
                Job::Write { .. } => latest = Some(job),
                Job::Barrier(reply) => barriers.push(reply),
            }
            next = inbox.try_recv().ok();
        }
        if let Some(Job::Write {
            anchor,
            brief,
            revision,
        }) = latest
        {
            if let Some(dir) = anchor.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let outcome = store::save_recovery(&anchor, &brief)
                .map(|()| revision)
                .map_err(|e| e.to_string());
            if report.send(outcome).is_err() {
                return;
            }
        }
        for reply in barriers {
            let _ = reply.send(());
        }
    }
}
