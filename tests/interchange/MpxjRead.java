// Reads a project file with MPXJ, the library MS Project importers are
// built on, and prints what it understood, one tab-separated line per item:
//
//   task  ID  UID  outline-level  summary  milestone  start  finish  duration-hours  name
//   link  successor-ID  predecessor-ID  type  lag-hours
//   resource  UID  max-units  standard-rate-per-hour  name
//   assignment  task-ID  resource-UID  units
//   notes  task|resource  UID  text (line breaks as \n)
//
// Run as a single-file program with MPXJ's jars (from the `mpxj` package on
// PyPI) on the class path: java -cp 'LIB/*' MpxjRead.java FILE
import java.io.File;
import org.mpxj.Duration;
import org.mpxj.ProjectFile;
import org.mpxj.Relation;
import org.mpxj.Resource;
import org.mpxj.ResourceAssignment;
import org.mpxj.Task;
import org.mpxj.TimeUnit;
import org.mpxj.reader.UniversalProjectReader;

public class MpxjRead {
    public static void main(String[] args) throws Exception {
        ProjectFile project = new UniversalProjectReader().read(new File(args[0]));
        if (project == null) {
            System.err.println("MPXJ does not recognise the file");
            System.exit(1);
        }
        for (Task task : project.getTasks()) {
            if (task.getID() == null || task.getID() == 0 || task.getNull()) {
                continue;
            }
            System.out.println(String.join("\t", "task",
                String.valueOf(task.getID()),
                String.valueOf(task.getUniqueID()),
                String.valueOf(task.getOutlineLevel()),
                String.valueOf(task.getSummary()),
                String.valueOf(task.getMilestone()),
                String.valueOf(task.getStart()),
                String.valueOf(task.getFinish()),
                hours(task.getDuration(), project),
                clean(task.getName())));
            notes("task", task.getUniqueID(), task.getNotes());
            for (Relation relation : task.getPredecessors()) {
                System.out.println(String.join("\t", "link",
                    String.valueOf(task.getID()),
                    String.valueOf(relation.getPredecessorTask().getID()),
                    String.valueOf(relation.getType()),
                    hours(relation.getLag(), project)));
            }
        }
        for (Resource resource : project.getResources()) {
            if (resource.getUniqueID() == null || resource.getUniqueID() == 0) {
                continue;
            }
            Object rate = resource.getStandardRate() == null ? null : resource.getStandardRate().getAmount();
            System.out.println(String.join("\t", "resource",
                String.valueOf(resource.getUniqueID()),
                String.valueOf(resource.getMaxUnits()),
                String.valueOf(rate),
                clean(resource.getName())));
            notes("resource", resource.getUniqueID(), resource.getNotes());
        }
        for (ResourceAssignment assignment : project.getResourceAssignments()) {
            if (assignment.getResource() == null) {
                continue;
            }
            System.out.println(String.join("\t", "assignment",
                String.valueOf(assignment.getTask().getID()),
                String.valueOf(assignment.getResource().getUniqueID()),
                String.valueOf(assignment.getUnits())));
        }
    }

    private static void notes(String kind, Integer uid, String notes) {
        if (notes != null && !notes.isEmpty()) {
            System.out.println(String.join("\t", "notes", kind, String.valueOf(uid),
                notes.replace("\r\n", "\n").replace('\t', ' ').replace("\n", "\\n")));
        }
    }

    private static String hours(Duration duration, ProjectFile project) {
        if (duration == null) {
            return "null";
        }
        return String.valueOf(duration.convertUnits(TimeUnit.HOURS, project.getProjectProperties()).getDuration());
    }

    private static String clean(String text) {
        return text == null ? "" : text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
