"""Wraps the PyInstaller build in a Debian package.

    python packaging/build_deb.py [--build DIR] [--out DIR]

Reads the one-folder build (packaging/dist/debrief) and the rendered icons
(packaging/build/icons), lays out the package tree and runs `dpkg-deb`:

    /usr/lib/debrief/              the frozen app: its Python, Qt and Debrief itself
    /usr/bin/debrief               a link to /usr/lib/debrief/debrief
    /usr/share/applications/       org.debrief.Debrief.desktop
    /usr/share/metainfo/           org.debrief.Debrief.metainfo.xml (AppStream)
    /usr/share/icons/hicolor/      PNG sizes, scalable SVG, symbolic SVG
    /usr/share/man/man1/           debrief.1.gz
    /usr/share/doc/debrief/        copyright, changelog.gz (a native package: no Debian revision)
    /usr/share/lintian/overrides/  debrief

Libraries that Debian itself ships (libX11, the xcb family, fontconfig, libstdc++…) are
taken out of the bundle and declared as dependencies instead, found by dpkg-shlibdeps
from what every binary in the tree links: they get Debian's security updates, and the
xcb libraries Qt needs are installed with the package. The bundle keeps what Debian does
not have in the needed version: Python 3.11 and Qt 6 from the PySide6 wheel, with ICU.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from identity import APP_ID, PACKAGE, SUMMARY, __version__
from identity import MAINTAINER as MAINTAINER_LINE

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LINUX = HERE / "linux"
# Debian's place for an application's private files. Not /opt: no Debian package owns it, so
# dpkg would remove an empty /opt with the package (and policy keeps packages out of it).
INSTALL_DIR = Path("usr") / "lib" / PACKAGE
# The package brings its own Python: never swap it for a system libpython.
KEEP_BUNDLED = ("libpython",)
# AppStream 1.0 (Debian 13) warns when there is no homepage URL; Debrief, offline software,
# has no website to name. Any other AppStream warning or error fails the build.
APPSTREAM_TOLERATED = ("url-homepage-missing",)
# notify-send is how notifications reach the desktop from the frozen app.
EXTRA_DEPENDS = ("libnotify-bin",)
DESCRIPTION = """\
 Debrief keeps track of your job interviews and their outcome. Right after an
 interview it asks for an honest debrief, then reminds you from the system tray
 of the next step at the right time: the call to the recruiter, the thank-you
 note, a polite follow-up, a gracious reply to a rejection. It nudges you to
 keep applying while you wait, and shows from your own history how little the
 feeling after an interview predicts.
 .
 Everything stays on your computer: Debrief never opens a network connection.
 This package brings its own Python runtime and Qt."""


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, check=False, text=True, capture_output=True, **kwargs)
    if done.returncode != 0:  # what the tool said is the reason; without it, only a number
        raise SystemExit(f"{command[0]} failed: {(done.stderr or done.stdout).strip()[-2000:]}")
    return done


def architecture() -> str:
    return run(["dpkg", "--print-architecture"]).stdout.strip()


def is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def elf_files(tree: Path) -> list[Path]:
    return sorted(
        path
        for path in tree.rglob("*")
        if path.is_file() and not path.is_symlink() and is_elf(path)
    )


def system_libraries() -> dict[str, Path]:
    """The dynamic linker's cache: library name → path, for this machine's architecture."""
    wanted = "x86-64" if os.uname().machine == "x86_64" else ""
    found: dict[str, Path] = {}
    for line in run(["/sbin/ldconfig", "-p"]).stdout.splitlines()[1:]:
        left, _, target = line.strip().partition(" => ")
        name, _, flags = left.partition(" ")
        if wanted in flags:
            found.setdefault(name, Path(target))
    return found


def owning_package(path: Path) -> str | None:
    # With merged /usr a library is reached through both /lib and /usr/lib, but dpkg
    # knows only the one its package ships: ask about both.
    text = str(path)
    other = text.removeprefix("/usr") if text.startswith("/usr/") else "/usr" + text
    for candidate in (text, other):
        done = subprocess.run(
            ["dpkg-query", "-S", candidate], capture_output=True, text=True, check=False
        )
        if done.returncode == 0:
            return done.stdout.split(":", 1)[0].strip()
    return None


def unbundle_system_libraries(internal: Path) -> list[str]:
    """Remove the libraries Debian provides; returns their names."""
    cache = system_libraries()
    removed = []
    for path in sorted(internal.iterdir()):
        if path.is_symlink() or not path.is_file() or ".so" not in path.name:
            continue
        if path.name.startswith(KEEP_BUNDLED) or path.name not in cache:
            continue
        if owning_package(cache[path.name]) is None:
            continue
        path.unlink()
        removed.append(path.name)
    return removed


def shlib_depends(tree: Path, private_dirs: list[Path]) -> str:
    """dpkg-shlibdeps over every ELF file: the Debian packages and minimum versions that
    provide what they link."""
    work = tree.parent / "shlibdeps"
    (work / "debian").mkdir(parents=True, exist_ok=True)
    (work / "debian" / "control").write_text(
        f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n"
    )
    command = ["dpkg-shlibdeps", "-O", "--ignore-missing-info", f"-S{tree}"]
    command += [f"-l{directory}" for directory in private_dirs]
    command += [str(path) for path in elf_files(tree / INSTALL_DIR)]
    done = subprocess.run(command, cwd=work, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"dpkg-shlibdeps failed: {done.stderr.strip()[-2000:]}")
    output = done.stdout
    for line in output.splitlines():
        if line.startswith("shlibs:Depends="):
            return line.split("=", 1)[1]
    raise SystemExit("dpkg-shlibdeps printed no dependencies")


def normalise_modes(tree: Path) -> None:
    """0755 folders and programs, 0644 everything else, shared libraries included. The
    folder itself too: made under a private umask (077) it would be 0700, which dpkg-deb
    refuses for DEBIAN and which would install /usr folders nobody else can enter."""
    tree.chmod(0o755)
    for path in tree.rglob("*"):
        if path.is_symlink():
            continue
        program = path.name == PACKAGE and path.parent.name == PACKAGE
        path.chmod(0o755 if path.is_dir() or program else 0o644)


def gzip_to(source: bytes, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 and no name: the same input gives the same bytes (lintian checks this too).
    with (
        target.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out,
    ):
        out.write(source)


def changelog() -> bytes:
    return (
        f"{PACKAGE} ({__version__}) unstable; urgency=medium\n\n"
        "  * First release as a Debian package.\n\n"
        f" -- {MAINTAINER_LINE}  Sun, 22 Nov 2026 12:00:00 +0000\n"
    ).encode()


def lay_out(tree: Path, frozen: Path, icons: Path) -> None:
    shutil.copytree(frozen, tree / INSTALL_DIR, symlinks=True)
    share = tree / "usr" / "share"
    (tree / "usr" / "bin").mkdir(parents=True)
    # Relative, as Debian policy wants for a link within one top-level folder.
    (tree / "usr" / "bin" / PACKAGE).symlink_to(Path("..") / "lib" / PACKAGE / PACKAGE)
    resources = ROOT / "resources" / "linux"
    for folder, name in (
        ("applications", f"{APP_ID}.desktop"),
        ("metainfo", f"{APP_ID}.metainfo.xml"),
    ):
        (share / folder).mkdir(parents=True)
        shutil.copyfile(resources / name, share / folder / name)
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor")
    gzip_to((LINUX / "debrief.1").read_bytes(), share / "man" / "man1" / "debrief.1.gz")
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copyfile(LINUX / "copyright", doc / "copyright")
    gzip_to(changelog(), doc / "changelog.gz")
    overrides = share / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    text = (LINUX / "lintian-overrides").read_text()
    if lintian_knows("appstream-metadata-validation-failed"):
        text += "\n" + (LINUX / "lintian-overrides-appstream").read_text()
    (overrides / PACKAGE).write_text(text)


def lintian_knows(tag: str) -> bool:
    return subprocess.run(["lintian-explain-tags", tag], capture_output=True).returncode == 0


def installed_size_kib(tree: Path) -> int:
    total = sum(path.lstat().st_size for path in tree.rglob("*") if "DEBIAN" not in path.parts)
    return (total + 1023) // 1024


def write_control(tree: Path, depends: str) -> None:
    control = tree / "DEBIAN"
    fields = {
        "Package": PACKAGE,
        "Version": __version__,
        "Architecture": architecture(),
        "Maintainer": MAINTAINER_LINE,
        "Installed-Size": str(installed_size_kib(tree)),
        "Depends": ", ".join([depends, *EXTRA_DEPENDS]),
        "Section": "utils",
        "Priority": "optional",
        "Description": f"{SUMMARY}\n{DESCRIPTION}",
    }
    (control / "control").write_text("".join(f"{key}: {value}\n" for key, value in fields.items()))
    sums = []
    for path in sorted(tree.rglob("*")):
        if (
            path.is_file()
            and not path.is_symlink()
            and "DEBIAN" not in path.relative_to(tree).parts
        ):
            digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            sums.append(f"{digest}  {path.relative_to(tree)}\n")
    (control / "md5sums").write_text("".join(sums))
    normalise_modes(control)


def check(target: Path, tree: Path) -> None:
    """The package's own checks: lintian (overrides justified in linux/lintian-overrides),
    the desktop entry and the AppStream metainfo. Any complaint fails the build."""
    share = tree / "usr" / "share"
    for command in (
        ["lintian", "--fail-on", "error,warning", str(target)],
        ["desktop-file-validate", str(share / "applications" / f"{APP_ID}.desktop")],
        # The whole tree, as lintian's own AppStream check does.
        ["appstreamcli", "validate-tree", "--no-net", str(tree)],
    ):
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        said = [
            line
            for line in (done.stdout + done.stderr).splitlines()
            if line.strip() and "root privileges" not in line
        ]
        if command[0] == "appstreamcli":
            passed = done.returncode == 0 or appstream_only_tolerated(said)
        else:
            passed = done.returncode == 0 and not said
        print(f"{command[0]}: {'passed' if passed else 'FAILED'}")
        if not passed:
            raise SystemExit(f"{command[0]} found problems:\n" + "\n".join(said))


def appstream_only_tolerated(said: list[str]) -> bool:
    """Whether appstreamcli's warnings and errors are all ones Debrief accepts."""
    problems = [line.strip() for line in said if re.match(r"\s*[EW]: ", line)]
    return bool(problems) and all(line.endswith(APPSTREAM_TOLERATED) for line in problems)


def build(build_dir: Path, out_dir: Path) -> Path:
    frozen = HERE / "dist" / PACKAGE
    icons = build_dir / "icons"
    if not (frozen / PACKAGE).is_file():
        raise SystemExit(f"no PyInstaller build at {frozen}: run `make package`")
    tree = build_dir / "deb" / "root"
    shutil.rmtree(tree.parent, ignore_errors=True)
    tree.mkdir(parents=True)
    lay_out(tree, frozen, icons)
    internal = tree / INSTALL_DIR / "_internal"
    removed = unbundle_system_libraries(internal)
    normalise_modes(tree)
    (tree / "DEBIAN").mkdir()  # dpkg-shlibdeps recognises a package tree by it
    depends = shlib_depends(tree, [internal, internal / "PySide6" / "Qt" / "lib"])
    write_control(tree, depends)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PACKAGE}_{__version__}_{architecture()}.deb"
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(tree), str(target)])
    print(f"{target}: {target.stat().st_size / 2**20:.1f} MiB")
    check(target, tree)
    print(f"left to Debian's packages: {len(removed)} libraries; Depends: {depends}")
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=HERE / "build")
    parser.add_argument("--out", type=Path, default=HERE / "dist")
    args = parser.parse_args(argv)
    os.umask(0o022)  # a package's files are for everyone on the machine, whatever ours is
    build(args.build.resolve(), args.out.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
