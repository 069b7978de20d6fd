//! Work the window does beside its frames: a Monte Carlo run, the market update's requests, a
//! price series being read, a file dialog. Each is a [`Job`]: a named thread whose answer the
//! window polls once a frame, never waiting for it.

use eframe::egui;
use std::sync::{Arc, mpsc};

/// Where a job is, as one poll finds it.
#[derive(Debug, PartialEq)]
pub enum Status<T> {
    Running,
    /// The answer, given once: later polls find the job [`Status::Lost`].
    Done(T),
    /// No answer will come: the worker panicked (or its answer was already taken).
    Lost,
}

/// What a job's worker and the window share while it runs: its progress, for the window to
/// show, and a request to stop, which the worker heeds as it can.
pub trait Shared: Send + Sync + 'static {
    /// Asks the worker to stop early; called when the window drops the job.
    fn cancel(&self) {}
}

impl Shared for () {}

/// A thread's answer to come. Dropping (or replacing) a job never blocks the frame: the thread
/// is asked to stop through `S` and left to finish on its own, its answer unread.
#[must_use = "a job dropped is a job whose answer is never read"]
pub struct Job<T, S: Shared = ()> {
    answer: mpsc::Receiver<T>,
    shared: Arc<S>,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on a thread named `name`; its end, answer or panic, wakes `ctx`.
    pub fn spawn(
        name: &str,
        ctx: &egui::Context,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> std::io::Result<Job<T>> {
        Job::spawn_with(name, ctx, (), move |()| work())
    }

    /// A job whose answer is known at once (a dialog's fallback, a test's fake).
    pub fn ready(value: T) -> Job<T> {
        let (tx, rx) = mpsc::channel();
        let _ = tx.send(value);
        Job {
            answer: rx,
            shared: Arc::new(()),
        }
    }

    /// A job that will never answer, as if its worker had panicked.
    #[cfg(test)]
    pub fn lost() -> Job<T> {
        let (_, rx) = mpsc::channel();
        Job {
            answer: rx,
            shared: Arc::new(()),
        }
    }
}

impl<T: Send + 'static, S: Shared> Job<T, S> {
    /// Runs `work` on a thread named `name`, with `shared` lent to it and to the window; its
    /// end, answer or panic, wakes `ctx`.
    pub fn spawn_with(
        name: &str,
        ctx: &egui::Context,
        shared: S,
        work: impl FnOnce(&S) -> T + Send + 'static,
    ) -> std::io::Result<Job<T, S>> {
        let shared = Arc::new(shared);
        let (tx, rx) = mpsc::channel();
        let outbox = Outbox {
            tx: Some(tx),
            ctx: ctx.clone(),
        };
        let worker_shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || outbox.send(work(&worker_shared)))?;
        Ok(Job { answer: rx, shared })
    }

    /// Takes the answer if it has come. Never waits.
    pub fn poll(&self) -> Status<T> {
        match self.answer.try_recv() {
            Ok(value) => Status::Done(value),
            Err(mpsc::TryRecvError::Empty) => Status::Running,
            Err(mpsc::TryRecvError::Disconnected) => Status::Lost,
        }
    }

    /// What the worker shares with the window (its progress).
    pub fn shared(&self) -> &S {
        &self.shared
    }
}

impl<T, S: Shared> Drop for Job<T, S> {
    fn drop(&mut self) {
        self.shared.cancel();
    }
}

/// The worker's end of a job. Dropped after the answer, or while unwinding from a panic, it
/// wakes the window, so a frame comes to find the job done or lost rather than never.
struct Outbox<T> {
    tx: Option<mpsc::Sender<T>>,
    ctx: egui::Context,
}

impl<T> Outbox<T> {
    fn send(self, value: T) {
        if let Some(tx) = &self.tx {
            // The window may have dropped the job: then nobody wants the answer.
            let _ = tx.send(value);
        }
    }
}

impl<T> Drop for Outbox<T> {
    fn drop(&mut self) {
        // Disconnect before waking: the frame woken must see the answer or the loss.
        drop(self.tx.take());
        self.ctx.request_repaint();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    /// A context that reports each repaint request on the channel returned.
    fn watched_context() -> (egui::Context, mpsc::Receiver<()>) {
        let ctx = egui::Context::default();
        let (tx, rx) = mpsc::channel();
        let tx = Mutex::new(tx);
        ctx.set_repaint_observer(move |_| {
            let _ = tx.lock().expect("observer").send(());
        });
        (ctx, rx)
    }

    /// Waits (at most 10 s, never for ever) for the job's thread to wake the window.
    fn wait_for_wake(woken: &mpsc::Receiver<()>) {
        woken
            .recv_timeout(Duration::from_secs(10))
            .expect("the job's thread woke the window");
    }

    #[test]
    fn the_answer_arrives_and_wakes_the_window() {
        let (ctx, woken) = watched_context();
        let (go, wait) = mpsc::channel::<()>();
        let job = Job::spawn("test-answer", &ctx, move || {
            wait.recv().expect("go");
            6 * 7
        })
        .expect("spawned");
        assert_eq!(job.poll(), Status::Running);
        go.send(()).expect("go");
        wait_for_wake(&woken);
        assert_eq!(job.poll(), Status::Done(42));
        // Given once.
        assert_eq!(job.poll(), Status::Lost);
    }

    #[test]
    fn a_panicking_worker_is_lost_not_awaited() {
        let (ctx, woken) = watched_context();
        let job: Job<u32> =
            Job::spawn("test-panic", &ctx, || panic!("the worker fails")).expect("spawned");
        wait_for_wake(&woken);
        assert_eq!(job.poll(), Status::Lost);
    }

    #[test]
    fn a_ready_job_is_done_at_once() {
        assert_eq!(Job::ready("answer").poll(), Status::Done("answer"));
        assert_eq!(Job::<u8>::lost().poll(), Status::Lost);
    }

    /// A worker's stop flag.
    #[derive(Default)]
    struct Stop(AtomicBool);

    impl Shared for Stop {
        fn cancel(&self) {
            self.0.store(true, Ordering::Relaxed);
        }
    }

    #[test]
    fn dropping_a_job_cancels_it_without_waiting() {
        let (ctx, woken) = watched_context();
        // The worker runs until cancelled, and says so through a channel of its own: the
        // job's answer is never read once it is dropped.
        let (stopped_tx, stopped) = mpsc::channel();
        let job = Job::spawn_with("test-cancel", &ctx, Stop::default(), move |stop| {
            while !stop.0.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(1));
            }
            let _ = stopped_tx.send(());
        })
        .expect("spawned");
        assert_eq!(job.poll(), Status::Running);
        assert!(!job.shared().0.load(Ordering::Relaxed));
        drop(job);
        stopped
            .recv_timeout(Duration::from_secs(10))
            .expect("the worker saw the cancel");
        wait_for_wake(&woken);
    }
}
