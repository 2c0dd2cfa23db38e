// Building blocks shared by the ONNX exporters: the opset we target and float32 tensors / value infos.
import { onnx } from 'onnx-proto';

export const ONNX_OPSET = 17;
export const ONNX_IR_VERSION = 8;

export function floatTensor(name: string, dims: number[], values: Float32Array): onnx.ITensorProto {
  // rawData is little-endian float32; copy so the bytes do not alias (and keep alive) a larger buffer.
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: raw };
}

/** A float32 input or output; string dimensions are symbolic (e.g. 'batch'). */
export function floatValueInfo(name: string, dims: (number | string)[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}
