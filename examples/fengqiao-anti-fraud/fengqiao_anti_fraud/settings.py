"""Settings of anti-fraud publicity: the ``[anti_fraud]`` section of fengqiao.toml."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class AntiFraudSettings:
    """The ``[anti_fraud]`` section of fengqiao.toml."""

    # A report losing at least this many yuan is flagged ``large_loss`` in its event, so a
    # listener can alert leadership at once.
    large_loss_yuan: int = 100_000
