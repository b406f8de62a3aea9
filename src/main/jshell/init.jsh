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
import ai.djl.training.*;
import ai.djl.training.loss.*;
import ai.djl.training.optimizer.*;
import ai.djl.training.tracker.*;
import ai.djl.training.initializer.*;
import ai.djl.training.dataset.*;

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
