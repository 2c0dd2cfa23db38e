// Runs an exported Mlp with onnxruntime-node: the one module of the core that loads the native runtime, so the rest
// of analyzer/ stays pure and can be tested without it.
import * as ort from 'onnxruntime-node';

export interface OnnxMlpOptions {
  /** Input width, when the model's input metadata does not state it. */
  inputs?: number;
  /** onnxruntime intra-op threads; 1 by default, since these models are tiny and CPUs are shared. */
  threads?: number;
}

/** A loaded single-input, float32 [batch, features] → [batch, outputs] model, reused across predict calls. */
export class OnnxMlp {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly inputs: number,
    private readonly inputName: string,
    private readonly outputName: string,
  ) {}

  static async load(bytesOrPath: Uint8Array | string, options: OnnxMlpOptions = {}): Promise<OnnxMlp> {
    const threads = options.threads ?? 1;
    const sessionOptions: ort.InferenceSession.SessionOptions = { intraOpNumThreads: threads, interOpNumThreads: 1 };
    const session =
      typeof bytesOrPath === 'string'
        ? await ort.InferenceSession.create(bytesOrPath, sessionOptions)
        : await ort.InferenceSession.create(bytesOrPath, sessionOptions);
    const where = typeof bytesOrPath === 'string' ? bytesOrPath : 'model bytes';
    if (session.inputNames.length !== 1 || session.outputNames.length < 1) {
      await session.release();
      throw new Error(`OnnxMlp: ${where} must have one input and an output, has inputs [${session.inputNames}]`);
    }
    const inputs = OnnxMlp.declaredWidth(session) ?? options.inputs;
    if (inputs === undefined || !(Number.isInteger(inputs) && inputs > 0)) {
      await session.release();
      throw new Error(`OnnxMlp: cannot tell the input width of ${where}: pass options.inputs`);
    }
    return new OnnxMlp(session, inputs, session.inputNames[0], session.outputNames[0]);
  }

  /** Second dimension of the input as declared by the model, if it is a fixed number. */
  private static declaredWidth(session: ort.InferenceSession): number | undefined {
    const meta = session.inputMetadata?.[0];
    if (!meta || !meta.isTensor) return undefined;
    const width = meta.shape[1];
    return typeof width === 'number' && width > 0 ? width : undefined;
  }

  /**
   * One output row per input row (flattened if the model has several outputs). `rows` is either an array of
   * feature rows or a packed row-major Float32Array of `columns` (default: the model's width) per row.
   */
  async predict(rows: ArrayLike<number>[] | Float32Array, columns?: number): Promise<Float32Array> {
    const width = columns ?? this.inputs;
    if (width !== this.inputs) throw this.widthError(width);
    let data: Float32Array;
    let batch: number;
    if (rows instanceof Float32Array) {
      if (rows.length % width !== 0) {
        throw new Error(`OnnxMlp: packed input of ${rows.length} values is not a whole number of ${width}-column rows`);
      }
      data = rows;
      batch = rows.length / width;
    } else {
      batch = rows.length;
      data = new Float32Array(batch * width);
      for (let r = 0; r < batch; r++) {
        if (rows[r].length !== width) throw this.widthError(rows[r].length, r);
        data.set(rows[r], r * width);
      }
    }
    if (batch === 0) return new Float32Array(0);
    const feeds = { [this.inputName]: new ort.Tensor('float32', data, [batch, width]) };
    const result = await this.session.run(feeds);
    const output = result[this.outputName];
    if (!(output.data instanceof Float32Array)) throw new Error(`OnnxMlp: output ${this.outputName} is not float32`);
    return output.data;
  }

  async release(): Promise<void> {
    await this.session.release();
  }

  private widthError(given: number, row?: number): Error {
    const which = row === undefined ? '' : ` (row ${row})`;
    return new Error(`OnnxMlp: model expects ${this.inputs} input columns, given ${given}${which}`);
  }
}
