# Generates Pillow reference resizes for PillowResizeTest (run once; outputs are committed).
import json, sys
import numpy as np
from PIL import Image
src_dir, out_dir = sys.argv[1], sys.argv[2]
rs = np.random.RandomState(7)
# A synthetic source with hard edges and extremes (exercises clipping of negative lobes).
a = np.zeros((23, 31, 3), np.uint8)
a[:, :, 0] = (np.arange(31) * 8).clip(0, 255)[None, :]
a[:, :, 1] = (np.arange(23) * 11).clip(0, 255)[:, None]
a[5:15, 7:20, 2] = 255
a[::3, ::4, :] = 255 - a[::3, ::4, :]
noise = rs.randint(0, 256, (23, 31, 3)).astype(np.uint8)
a[18:, :] = noise[18:, :]
Image.fromarray(a, "RGB").save(f"{out_dir}/synthetic.png")
sources = {"image_0.png": Image.open(f"{src_dir}/image_0.png").convert("RGB"),
           "synthetic.png": Image.open(f"{out_dir}/synthetic.png").convert("RGB")}
filters = {"nearest": 0, "lanczos": 1, "bilinear": 2, "bicubic": 3, "box": 4, "hamming": 5}
sizes = [(17, 9), (70, 53), (48, 13), (5, 40), (31, 77), (3, 2)]
cases = []
for sname, img in sources.items():
    for fname, code in filters.items():
        for (w, h) in sizes:
            out = img.resize((w, h), resample=code, reducing_gap=None)
            name = f"{sname[:-4]}_{fname}_{w}x{h}.png"
            out.save(f"{out_dir}/{name}")
            cases.append({"source": sname, "filter": fname, "width": w, "height": h, "expected": name})
json.dump({"generated_with": "Pillow " + Image.__version__, "cases": cases}, open(f"{out_dir}/cases.json", "w"), indent=1)
print(len(cases))
