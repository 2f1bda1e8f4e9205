"""Command line: python3 tools/compgraph <command> ...

  gen SPEC OUTDIR          check SPEC, lay it out, write every output to OUTDIR
  check SPEC               only check (exit 1 and the errors on stderr)
  check-size SPEC NAME SIZEFILE
                           after the sizing link of component NAME: its code and
                           data must fit their budgets (SIZEFILE: `size -A` output)
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compgraph.errors import GraphError, GraphErrors  # noqa: E402
from compgraph.model import System  # noqa: E402
from compgraph.plan import Plan  # noqa: E402
from compgraph.emit import Emitter  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent


def check_size(system, plan, name, sizefile):
    comp = system.by_name.get(name)
    if comp is None:
        raise GraphError(system.src.where(), f"no component '{name}'")
    sizes = {}
    for line in Path(sizefile).read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].startswith(".") and parts[1].isdigit():
            sizes[parts[0]] = int(parts[1])
    code = sizes.get(".text", 0) + sizes.get(".data", 0)
    data = sizes.get(".data", 0) + sizes.get(".bss", 0)
    src = system.src
    problems = []
    if code > comp.code_region.used:
        problems.append(GraphError(src.where(src.key_line("code", comp.line)),
                                   f"component '{name}': code and constants are {code} bytes, over its budget "
                                   f"code = {comp.code}", f"raise code to at least {code}"))
    if data > comp.data_budget:
        problems.append(GraphError(src.where(src.key_line("memory", comp.line)),
                                   f"component '{name}': data and bss are {data} bytes, but memory = {comp.memory} "
                                   f"leaves {comp.data_budget} after {comp.stack_bytes} bytes of thread stacks and "
                                   f"{comp.srv_bytes} of server stacks",
                                   f"raise memory to at least {comp.memory - comp.data_budget + data}"))
    if problems:
        raise GraphErrors(problems)


def main(argv):
    if len(argv) < 2 or argv[0] not in ("gen", "check", "check-size"):
        sys.stderr.write(__doc__)
        return 2
    try:
        system = System(ROOT, argv[1])
        plan = Plan(system)
        if argv[0] == "gen":
            em = Emitter(plan, argv[2], ROOT)
            em.all()
            print(f"compgraph: {system.name}: {len(system.components)} components, "
                  f"{sum(len(c.threads) for c in system.components)} threads, "
                  f"{em.waste} bytes wasted to alignment; see {argv[2]}/layout.txt")
        elif argv[0] == "check-size":
            check_size(system, plan, argv[2], argv[3])
    except GraphErrors as e:
        for item in e.items:
            sys.stderr.write(f"{item}\n")
        return 1
    except GraphError as e:
        sys.stderr.write(f"{e}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
