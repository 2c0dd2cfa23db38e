// rrweb's Replayer, bundled, behind the few calls the view needs: load one window's events, play / pause / seek
// in ms from the recording's start, change speed, and fit the recorded viewport into the stage.
import { Replayer } from 'rrweb';
import type { eventWithTime } from '@rrweb/types';

export interface PlayerListener {
  /** Current position, ms from the start; called every animation frame while playing and after each seek. */
  onTime(offsetMs: number): void;
  onPlayingChange(playing: boolean): void;
}

export interface LoadedRecording {
  /** Epoch ms of the window's first event: offset 0. */
  startTime: number;
  totalTime: number;
}

/** Largest share of the panel's height the replay may take, so the timeline stays in view. */
const MAX_STAGE_HEIGHT_SHARE = 0.62;
/** rrweb needs a full snapshot and a meta event at least. */
const MIN_EVENTS = 2;

export class ReplayPlayer {
  private replayer: Replayer | undefined;
  private frame = 0;
  private playing = false;
  private viewport = { width: 0, height: 0 };
  private readonly resizeObserver = new ResizeObserver(() => this.fit());

  constructor(
    private readonly stage: HTMLElement,
    private readonly listener: PlayerListener,
  ) {
    this.resizeObserver.observe(stage);
  }

  load(events: eventWithTime[], options: { speed: number; skipInactive: boolean }): LoadedRecording {
    this.destroy();
    if (events.length < MIN_EVENTS) throw new Error(`this recording has ${events.length} event(s): nothing to replay`);
    const replayer = new Replayer(events, {
      root: this.stage,
      speed: options.speed,
      skipInactive: options.skipInactive,
      // The recorded page is rebuilt into a sandboxed iframe without scripts; canvas replay would need them.
      UNSAFE_replayCanvas: false,
      // Focus moving into the replay would steal the keyboard from the panel's controls.
      triggerFocus: false,
      showWarning: false,
      mouseTail: { duration: 600, lineCap: 'round', lineWidth: 3, strokeStyle: 'rgba(232, 110, 64, 0.55)' },
    });
    this.replayer = replayer;
    replayer.on('resize', (dimension) => {
      const { width, height } = dimension as { width: number; height: number };
      this.viewport = { width, height };
      this.fit();
    });
    replayer.on('finish', () => this.setPlaying(false));
    const meta = replayer.getMetaData();
    return { startTime: meta.startTime, totalTime: meta.totalTime };
  }

  get currentTime(): number {
    return this.replayer?.getCurrentTime() ?? 0;
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  play(offsetMs?: number): void {
    if (!this.replayer) return;
    const total = this.replayer.getMetaData().totalTime;
    const from = offsetMs ?? this.currentTime;
    this.replayer.play(from >= total ? 0 : Math.max(0, from));
    this.setPlaying(true);
  }

  pause(offsetMs?: number): void {
    if (!this.replayer) return;
    this.replayer.pause(offsetMs === undefined ? undefined : Math.max(0, offsetMs));
    this.setPlaying(false);
    this.listener.onTime(this.currentTime);
  }

  /** Jump to a moment, keeping the play state unless told otherwise. */
  seek(offsetMs: number, play = this.playing): void {
    if (play) this.play(offsetMs);
    else this.pause(offsetMs);
  }

  setSpeed(speed: number): void {
    this.replayer?.setConfig({ speed });
  }

  setSkipInactive(skipInactive: boolean): void {
    this.replayer?.setConfig({ skipInactive });
  }

  destroy(): void {
    this.setPlaying(false);
    this.replayer?.destroy();
    this.replayer = undefined;
    this.stage.replaceChildren();
  }

  private setPlaying(playing: boolean): void {
    if (this.playing === playing) return;
    this.playing = playing;
    cancelAnimationFrame(this.frame);
    if (playing) this.tick();
    this.listener.onPlayingChange(playing);
  }

  private readonly tick = (): void => {
    this.listener.onTime(this.currentTime);
    if (this.playing) this.frame = requestAnimationFrame(this.tick);
  };

  /** Scale the recorded viewport down (never up) to the stage's width and a share of the panel's height. */
  private fit(): void {
    const wrapper = this.replayer?.wrapper;
    const { width, height } = this.viewport;
    if (!wrapper || width === 0 || height === 0) return;
    const available = this.stage.clientWidth;
    const maxHeight = Math.max(160, window.innerHeight * MAX_STAGE_HEIGHT_SHARE);
    const scale = Math.min(1, available / width, maxHeight / height);
    wrapper.style.transform = `scale(${scale})`;
    wrapper.style.left = `${Math.max(0, (available - width * scale) / 2)}px`;
    this.stage.style.height = `${Math.round(height * scale)}px`;
  }
}
