// The course's standard imports, run by the Java kernel at start (RJK_INIT_SCRIPT for
// rapaio-jupyter-kernel; IJAVA_/JJAVA_STARTUP_SCRIPTS_PATH for IJava and JJava).
import java.util.*;
import java.util.function.*;
import java.util.stream.*;
import java.nio.file.*;

import ai.djl.*;
import ai.djl.engine.Engine;
import ai.djl.ndarray.*;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.*;
import ai.djl.nn.*;
import ai.djl.nn.core.*;
import ai.djl.nn.convolutional.*;
import ai.djl.nn.norm.*;
import ai.djl.nn.pooling.*;
import ai.djl.training.*;
import ai.djl.training.loss.*;
import ai.djl.training.optimizer.*;
import ai.djl.training.tracker.*;
import ai.djl.training.initializer.*;
import ai.djl.training.dataset.*;
// Blocks written in a notebook (an AbstractBlock) override forwardInternal, which takes a PairList.
import ai.djl.util.PairList;

import tech.tablesaw.api.*;
import org.knowm.xchart.*;

import dlcourse.data.*;
import dlcourse.notebook.*;
import dlcourse.plot.*;
import dlcourse.tensor.*;
import dlcourse.train.*;
// java.util has a Timer too; the course's is meant.
import dlcourse.train.Timer;
import static dlcourse.notebook.Display.show;
// Recurrent blocks and the course's networks (chapters 07 on).
import ai.djl.nn.recurrent.*;
import dlcourse.nn.*;
// Legend positions and markers for tweaking charts (chapters 01 on).
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
// Dates for the translation data set (chapters 09 to 11).
import java.time.*;
import dlcourse.exercises.*;
