export { LabelledSelect } from "../../app/components/LabelledSelect";
