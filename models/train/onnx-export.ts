// Mlp → ONNX bytes, so that the models trained here run under onnxruntime (and any other ONNX runtime) with the
// same numbers as forwardMlp: Sub/Div standardisation, Gemm + Relu per hidden layer, last Gemm, optional Sigmoid.
import { onnx } from 'onnx-proto';
import type { Mlp } from './types';
import { floatTensor, floatValueInfo, ONNX_IR_VERSION, ONNX_OPSET } from './onnx-values';

export { ONNX_IR_VERSION, ONNX_OPSET };

export interface OnnxExportOptions {
  inputName: string;
  outputName: string;
  graphName: string;
  docString?: string;
}

function checkMlp(mlp: Mlp): void {
  const width = mlp.standardiser.mean.length;
  if (mlp.standardiser.scale.length !== width) throw new Error('mlpToOnnx: standardiser mean and scale differ in length');
  if (mlp.layers.length === 0) throw new Error('mlpToOnnx: the Mlp has no layers');
  let inputs = width;
  mlp.layers.forEach((layer, l) => {
    if (layer.inputs !== inputs) throw new Error(`mlpToOnnx: layer ${l} takes ${layer.inputs} inputs, previous width is ${inputs}`);
    if (layer.weights.length !== layer.inputs * layer.outputs || layer.bias.length !== layer.outputs) {
      throw new Error(`mlpToOnnx: layer ${l} weight or bias length does not match ${layer.outputs}×${layer.inputs}`);
    }
    inputs = layer.outputs;
  });
}

/**
 * Serialise an Mlp as an ONNX model: input float32 [batch, features] (batch symbolic), output float32
 * [batch, outputs]. Weights stay [out, in] and Gemm uses transB = 1, exactly as forwardMlp reads them.
 */
export function mlpToOnnx(mlp: Mlp, options: OnnxExportOptions): Uint8Array {
  checkMlp(mlp);
  const width = mlp.standardiser.mean.length;
  const initializer: onnx.ITensorProto[] = [
    floatTensor('standardiser_mean', [width], mlp.standardiser.mean),
    floatTensor('standardiser_scale', [width], mlp.standardiser.scale),
  ];
  const node: onnx.INodeProto[] = [
    { opType: 'Sub', name: 'centre', input: [options.inputName, 'standardiser_mean'], output: ['centred'] },
    { opType: 'Div', name: 'scale', input: ['centred', 'standardiser_scale'], output: ['standardised'] },
  ];
  let current = 'standardised';
  const last = mlp.layers.length - 1;
  mlp.layers.forEach((layer, l) => {
    const w = `layer${l}_weight`;
    const b = `layer${l}_bias`;
    initializer.push(floatTensor(w, [layer.outputs, layer.inputs], layer.weights), floatTensor(b, [layer.outputs], layer.bias));
    const isFinal = l === last;
    const linear = isFinal && mlp.output === 'linear' ? options.outputName : `layer${l}_linear`;
    node.push({
      opType: 'Gemm',
      name: `layer${l}_gemm`,
      input: [current, w, b],
      output: [linear],
      attribute: [{ name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
    });
    current = linear;
    if (!isFinal) {
      node.push({ opType: 'Relu', name: `layer${l}_relu`, input: [linear], output: [`layer${l}_relu`] });
      current = `layer${l}_relu`;
    }
  });
  if (mlp.output === 'sigmoid') {
    node.push({ opType: 'Sigmoid', name: 'output_sigmoid', input: [current], output: [options.outputName] });
  }
  const model: onnx.IModelProto = {
    irVersion: ONNX_IR_VERSION,
    producerName: 'friction-lens',
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    docString: options.docString ?? '',
    graph: {
      name: options.graphName,
      node,
      initializer,
      input: [floatValueInfo(options.inputName, ['batch', width])],
      output: [floatValueInfo(options.outputName, ['batch', mlp.layers[last].outputs])],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

/**
 * The policy as two separate ONNX models (the softmax over a step's candidates is done by the caller, since the
 * number of candidates varies per step): scorer [batch, candidate features] → score, dwell [batch, context] → log
 * dwell target (log(1 + seconds)).
 */
export function policyToOnnx(model: { scorer: Mlp; dwell: Mlp }, docString?: string): { scorer: Uint8Array; dwell: Uint8Array } {
  return {
    scorer: mlpToOnnx(model.scorer, { inputName: 'candidates', outputName: 'score', graphName: 'behavior_policy_scorer', docString }),
    dwell: mlpToOnnx(model.dwell, { inputName: 'context', outputName: 'log_dwell', graphName: 'behavior_policy_dwell', docString }),
  };
}
