"""`conflictmap train`: rebuild the learned coder's models from the training corpus."""

from __future__ import annotations

from pathlib import Path

import click

from ..coder.model import packaged_models
from ..coder.train import DEFAULT_TRAINING, TRAIN_STEPS, train, training_files
from .common import CliState, handle_errors, progress_bar


@click.command("train")
@click.option("--training", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None,
              help="Folder of training *.jsonl files (default: the repository's training/).")
@click.option("--extra", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              multiple=True, help="A file of your own examples (same format); repeatable.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write the models here (default: the package's data/models). Use it "
                   "with [stages.coder] models = \"DIR\" in a config file.")
@click.pass_obj
@handle_errors
def train_cmd(state: CliState, training: Path | None, extra: tuple[Path, ...],
              out: Path | None) -> None:
    """Rebuild the learned coder (ACLED, PLOVER and status heads) deterministically."""
    target = out or packaged_models()
    with progress_bar(state, desc="train", unit="steps", total=len(TRAIN_STEPS)) as update:
        step = (lambda name: update(1)) if update else None
        manifest = train(training_files(training or DEFAULT_TRAINING, extra), target,
                         progress=step)
    click.echo(f"trained on {manifest['examples']} examples "
               f"({manifest['vocabulary']} n-grams) -> {target}")


commands: list[click.Command] = [train_cmd]
