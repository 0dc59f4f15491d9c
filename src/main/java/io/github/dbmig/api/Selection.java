package io.github.dbmig.api;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.FleetOptions;

import java.util.List;
import java.util.function.Supplier;

/**
 * The databases a goal works on and how it goes over several of them.
 *
 * @param databases gives the selected databases (those a pattern stands for found on their servers); asked for once
 *                  the options are checked
 * @param fleet     how a run over several databases (or a shard of them) goes
 */
public record Selection(Supplier<List<Database>> databases, FleetOptions fleet) {}
