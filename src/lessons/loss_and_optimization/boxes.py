"""The answer boxes of this lesson's exercises: what each asks, in page order."""

import html

from lessons.loss_and_optimization import mistakes
from studykit.core import fmt
from studykit.practice.exercise import Box
from studykit.practice.mistakes import exact_value


def svm_boxes(item, v):
    """Part A: each wrong class's margin, then the loss."""
    y, d = html.escape(v["correct"]), v["margin"]
    boxes = []
    for c in v["wrong_classes"]:
        name = html.escape(c)
        label = f"Step: the margin of class {name}, s<sub>{name}</sub> − s<sub>{y}</sub> + {d}"
        boxes.append(Box(label, "margin", v["m"][c], case={"wrong_class": c}))
    return boxes + [Box("The SVM loss L", "svm_loss", v["svm_loss"])]


def softmax_boxes(item, v):
    """Part B: the sum of the exponentials, the probabilities, each case's loss."""
    count = len(v["p"])
    names = ", ".join(f"p<sub>{j}</sub>" for j in range(count))
    boxes = [
        Box("Step: the sum of the exponentials", "exp_sum", v["exp_sum"]),
        Box(f"The probabilities {names} ({fmt.words(count)} numbers)", "probabilities", v["p"],
            percent=True),
    ]
    for case, y in zip("ab", item["correct"]):
        boxes.append(Box(f"The loss for case ({case}), correct class index {v[case]['y']}",
                         "cross_entropy", v[case]["loss"], case={"correct": y}, step_case=case))
    return boxes


def step_boxes(item, v):
    """Part C: at each learning rate, the products α·∇L and the updated weights."""
    boxes, count = [], fmt.words(len(v["w"]))
    for k, rate in enumerate(item["learning_rates"], start=1):
        at = f"at α = {v['lr'][k]} ({count} numbers)"
        products = [fmt.weight(p) for p in exact_value(mistakes.products, item, learning_rate=rate)]
        case = {"learning_rate": rate}
        boxes += [
            Box(f"Step: α·∇L {at}", "products", products, case=case, step_case=str(k)),
            Box(f"The updated W {at}", "new_weights", v[f"step{k}"]["w"], case=case, step_case=str(k)),
        ]
    return boxes
