#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Rewrites an ONNX model so that OpenCV 4.6's dnn module reads it (docs/performance.md, "Learned line detector").

PaddleOCR's exporter (opset 11) writes Clip with its bounds as inputs, from Constant nodes; OpenCV 4.6 reads only
the older form with `min`/`max` attributes. Each such Clip gets its constant bounds as attributes; nothing else
changes. Needs Debian's python3-onnx. Usage: rewrite_clip.py IN.onnx OUT.onnx
"""

import sys

import onnx
from onnx import helper, numpy_helper


def main(source, target):
    model = onnx.load(source)
    graph = model.graph
    constants = {init.name: numpy_helper.to_array(init) for init in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant":
            for attribute in node.attribute:
                if attribute.name == "value":
                    constants[node.output[0]] = numpy_helper.to_array(attribute.t)
    rewritten = 0
    for node in graph.node:
        if node.op_type != "Clip" or len(node.input) < 2:
            continue
        bounds = []
        for name, default in ((node.input[1], -3.4e38), (node.input[2] if len(node.input) > 2 else "", 3.4e38)):
            if not name:
                bounds.append(default)
            elif name in constants:
                bounds.append(float(constants[name]))
            else:
                sys.exit(f"rewrite_clip.py: Clip {node.name} has a bound that is not a constant ({name})")
        del node.input[1:]
        node.attribute.extend([helper.make_attribute("min", bounds[0]), helper.make_attribute("max", bounds[1])])
        rewritten += 1
    # No onnx.checker here: attributes on an opset-11 Clip are what OpenCV reads, not what the specification allows.
    onnx.save(model, target)
    print(f"rewrite_clip.py: {rewritten} Clip nodes rewritten -> {target}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
