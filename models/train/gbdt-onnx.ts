// GbdtModel → ONNX bytes: one ai.onnx.ml TreeEnsembleRegressor (margin) followed by Sigmoid, so boosted trees
// run under onnxruntime with the numbers predictGbdt computes (float32 thresholds, BRANCH_LEQ like the JS rule).
import { onnx } from 'onnx-proto';
import type { GbdtModel } from './gbdt-trainer';
import { floatValueInfo, ONNX_IR_VERSION, ONNX_OPSET } from './onnx-values';

/** TreeEnsembleRegressor exists from ai.onnx.ml 1; 3 adds tensor-valued attributes we do not need, still supported by onnxruntime. */
export const ONNX_ML_OPSET = 3;

export interface GbdtOnnxOptions {
  inputName: string;
  outputName: string;
  graphName?: string;
  docString?: string;
}

const { AttributeType } = onnx.AttributeProto;
const ints = (name: string, values: number[]): onnx.IAttributeProto => ({ name, type: AttributeType.INTS, ints: values });
const floats = (name: string, values: number[]): onnx.IAttributeProto => ({ name, type: AttributeType.FLOATS, floats: values });
const strings = (name: string, values: string[]): onnx.IAttributeProto => ({
  name,
  type: AttributeType.STRINGS,
  strings: values.map((s) => new TextEncoder().encode(s)),
});

function checkModel(model: GbdtModel): void {
  if (model.trees.length === 0) throw new Error('gbdtToOnnx: the model has no trees (TreeEnsembleRegressor needs at least one node)');
  model.trees.forEach((tree, t) => {
    const n = tree.feature.length;
    if ([tree.threshold, tree.left, tree.right, tree.value].some((a) => a.length !== n)) throw new Error(`gbdtToOnnx: tree ${t} arrays differ in length`);
    for (let i = 0; i < n; i++) {
      if (tree.feature[i] < 0) continue;
      if (tree.feature[i] >= model.features) throw new Error(`gbdtToOnnx: tree ${t} node ${i} uses feature ${tree.feature[i]} of ${model.features}`);
      if (!(tree.left[i] > i && tree.left[i] < n && tree.right[i] > i && tree.right[i] < n)) throw new Error(`gbdtToOnnx: tree ${t} node ${i} has bad children`);
    }
  });
}

/**
 * Input float32 [batch, features] → output float32 [batch, 1] probabilities. Branch nodes are BRANCH_LEQ (x <=
 * threshold goes to the true/left child), as in gbdtMargin; NaN goes right in both (missing_value_tracks_true = 0).
 */
export function gbdtToOnnx(model: GbdtModel, options: GbdtOnnxOptions): Uint8Array {
  checkModel(model);
  const a = {
    treeIds: [] as number[], nodeIds: [] as number[], featureIds: [] as number[], modes: [] as string[], values: [] as number[],
    trueIds: [] as number[], falseIds: [] as number[], targetTree: [] as number[], targetNode: [] as number[], targetWeight: [] as number[],
  };
  model.trees.forEach((tree, t) => {
    for (let i = 0; i < tree.feature.length; i++) {
      const leaf = tree.feature[i] < 0;
      a.treeIds.push(t);
      a.nodeIds.push(i);
      a.featureIds.push(leaf ? 0 : tree.feature[i]);
      a.modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      a.values.push(leaf ? 0 : tree.threshold[i]);
      a.trueIds.push(leaf ? 0 : tree.left[i]);
      a.falseIds.push(leaf ? 0 : tree.right[i]);
      if (!leaf) continue;
      a.targetTree.push(t);
      a.targetNode.push(i);
      a.targetWeight.push(tree.value[i]);
    }
  });
  const ensemble: onnx.INodeProto = {
    opType: 'TreeEnsembleRegressor',
    domain: 'ai.onnx.ml',
    name: 'trees',
    input: [options.inputName],
    output: ['margin'],
    attribute: [
      { name: 'n_targets', type: AttributeType.INT, i: 1 },
      ints('nodes_treeids', a.treeIds),
      ints('nodes_nodeids', a.nodeIds),
      ints('nodes_featureids', a.featureIds),
      strings('nodes_modes', a.modes),
      floats('nodes_values', a.values),
      ints('nodes_truenodeids', a.trueIds),
      ints('nodes_falsenodeids', a.falseIds),
      ints('target_treeids', a.targetTree),
      ints('target_nodeids', a.targetNode),
      ints('target_ids', a.targetTree.map(() => 0)),
      floats('target_weights', a.targetWeight),
      floats('base_values', [model.baseScore]),
      { name: 'aggregate_function', type: AttributeType.STRING, s: new TextEncoder().encode('SUM') },
      { name: 'post_transform', type: AttributeType.STRING, s: new TextEncoder().encode('NONE') },
    ],
  };
  const sigmoid: onnx.INodeProto = { opType: 'Sigmoid', name: 'probability', input: ['margin'], output: [options.outputName] };
  const proto: onnx.IModelProto = {
    irVersion: ONNX_IR_VERSION,
    producerName: 'friction-lens',
    opsetImport: [{ domain: '', version: ONNX_OPSET }, { domain: 'ai.onnx.ml', version: ONNX_ML_OPSET }],
    docString: options.docString ?? '',
    graph: {
      name: options.graphName ?? 'gbdt',
      node: [ensemble, sigmoid],
      input: [floatValueInfo(options.inputName, ['batch', model.features])],
      output: [floatValueInfo(options.outputName, ['batch', 1])],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(proto)).finish();
}
